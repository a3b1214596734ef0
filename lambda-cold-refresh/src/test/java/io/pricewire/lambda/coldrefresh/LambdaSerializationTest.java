package io.pricewire.lambda.coldrefresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler's input and output as the Lambda Java runtime's own serialisers read and write them. */
class LambdaSerializationTest {

    @Test
    void shouldReadEveryFieldWhenEventBridgeSendsAScheduledEvent() {
        ScheduledEvent event = TestSupport.scheduledEvent();

        assertThat(event.getId()).isEqualTo("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa");
        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(event.getSource()).isEqualTo("aws.events");
        assertThat(event.getAccount()).isEqualTo("123456789012");
        assertThat(event.getRegion()).isEqualTo("us-east-1");
        assertThat(event.getResources()).containsExactly("arn:aws:events:us-east-1:123456789012:rule/pricewire-cold");
        assertThat(Instant.ofEpochMilli(event.getTime().getMillis())).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
        assertThat(event.getDetail()).isEmpty();
    }

    @Test
    void shouldReadAnEmptyEventWhenTheDeploymentTriggerInvokesWithoutPayload() {
        // the CDK trigger that fills a first deployment's cold tier invokes the function with no payload,
        // which the runtime hands over as an empty object; the handler then names the run "unscheduled"
        PojoSerializer<ScheduledEvent> serializer = LambdaEventSerializers.serializerFor(
                ScheduledEvent.class, LambdaSerializationTest.class.getClassLoader());

        ScheduledEvent event = serializer.fromJson("{}");

        assertThat(event).isNotNull();
        assertThat(event.getId()).isNull();
        assertThat(event.getDetailType()).isNull();
    }

    @Test
    void shouldWriteTheReportAsPlainJsonWhenTheRuntimeReturnsIt() throws Exception {
        ColdRefreshReport report =
                new ColdRefreshReport(800, 700, 80, 5, 15, 1, 14_000, Map.of("okx", "timeout: no answer"));
        PojoSerializer<ColdRefreshReport> serializer =
                JacksonFactory.getInstance().getSerializer(ColdRefreshReport.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        serializer.toJson(report, out);

        JsonNode json = new ObjectMapper().readTree(out.toByteArray());
        assertThat(json.path("requested").asInt()).isEqualTo(800);
        assertThat(json.path("refreshed").asInt()).isEqualTo(700);
        assertThat(json.path("degraded").asInt()).isEqualTo(80);
        assertThat(json.path("failed").asInt()).isEqualTo(5);
        assertThat(json.path("skipped").asInt()).isEqualTo(15);
        assertThat(json.path("storeFailures").asInt()).isEqualTo(1);
        assertThat(json.path("durationMs").asLong()).isEqualTo(14_000);
        assertThat(json.path("exchangeErrors").path("okx").asText()).isEqualTo("timeout: no answer");
    }
}
