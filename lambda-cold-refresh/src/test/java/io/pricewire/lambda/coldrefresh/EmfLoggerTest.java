package io.pricewire.lambda.coldrefresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricewire.core.exchange.ExchangeId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfLoggerTest {
    private static final Instant AT = Instant.parse("2026-11-26T12:00:03.250Z");
    private static final ColdRefreshReport REPORT =
            new ColdRefreshReport(800, 610, 150, 25, 15, 0, 14_321, Map.of("kraken", "unreachable: ConnectException"));

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final EmfLogger emf = new EmfLogger(new PrintStream(captured, true, StandardCharsets.UTF_8));

    @Test
    void shouldWriteExactlyOneLineWhenARunIsLogged() {
        emf.log(REPORT, Map.of(), AT);

        assertThat(lines()).hasSize(1);
    }

    @Test
    void shouldFollowTheEmbeddedMetricFormatWhenARunIsLogged() {
        emf.log(REPORT, Map.of(ExchangeId.KRAKEN, 4), AT);

        assertThat(EmfSpec.violations(lines().get(0))).isEmpty();
    }

    @Test
    void shouldDeclareTheAgreedNamespaceDimensionAndMetricsWhenARunIsLogged() throws Exception {
        emf.log(REPORT, Map.of(ExchangeId.KRAKEN, 4), AT);

        JsonNode root = new ObjectMapper().readTree(lines().get(0));
        JsonNode directive = root.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(root.path("_aws").path("Timestamp").asLong()).isEqualTo(AT.toEpochMilli());
        assertThat(directive.path("Namespace").asText()).isEqualTo("Pricewire");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Function\"]]");
        List<String> declared = new ArrayList<>();
        directive
                .path("Metrics")
                .forEach(m -> declared.add(
                        m.path("Name").asText() + ":" + m.path("Unit").asText()));
        assertThat(declared)
                .containsExactly(
                        "ColdRefreshed:Count",
                        "ColdDegraded:Count",
                        "ColdFailed:Count",
                        "ColdSkipped:Count",
                        "ColdRefreshDuration:Milliseconds",
                        "ExchangeErrors_binance:Count",
                        "ExchangeErrors_coinbase:Count",
                        "ExchangeErrors_kraken:Count",
                        "ExchangeErrors_okx:Count");
        assertThat(root.path("Function").asText()).isEqualTo("cold-refresh");
    }

    @Test
    void shouldCarryTheReportsCountsWhenARunIsLogged() throws Exception {
        emf.log(REPORT, Map.of(ExchangeId.KRAKEN, 4), AT);

        JsonNode root = new ObjectMapper().readTree(lines().get(0));
        assertThat(root.path("ColdRefreshed").asInt()).isEqualTo(610);
        assertThat(root.path("ColdDegraded").asInt()).isEqualTo(150);
        assertThat(root.path("ColdFailed").asInt()).isEqualTo(25);
        assertThat(root.path("ColdSkipped").asInt()).isEqualTo(15);
        assertThat(root.path("ColdRefreshDuration").asLong()).isEqualTo(14_321);
        assertThat(root.path("ExchangeErrors_kraken").asInt()).isEqualTo(4);
        assertThat(root.path("ExchangeErrors_binance").isNumber()).isTrue();
        assertThat(root.path("ExchangeErrors_binance").asInt()).isZero();
    }

    @Test
    void shouldFindViolationsWhenALineBreaksTheSpecification() {
        // the checker must be able to fail, or the tests above prove nothing
        assertThat(EmfSpec.violations("{\"ColdRefreshed\":1}")).containsExactly("_aws object missing");
        assertThat(EmfSpec.violations("""
                {"_aws":{"Timestamp":"now","CloudWatchMetrics":[{"Namespace":"Pricewire","Dimensions":[["Function"]],
                "Metrics":[{"Name":"ColdRefreshed","Unit":"Things"},{"Name":"ColdFailed","Unit":"Count"}]}]},
                "ColdRefreshed":"12"}""".replace("\n", "")))
                .contains(
                        "_aws.Timestamp must be a positive whole number of epoch milliseconds",
                        "dimension Function is not a top-level string member",
                        "metric ColdRefreshed has an invalid Unit \"Things\"",
                        "metric ColdRefreshed is not a top-level number",
                        "metric ColdFailed is not a top-level number");
    }

    private List<String> lines() {
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).endsWith(System.lineSeparator());
        return List.of(out.split("\\R"));
    }
}
