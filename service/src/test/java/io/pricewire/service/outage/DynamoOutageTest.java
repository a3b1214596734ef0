package io.pricewire.service.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.core.price.Price;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.core.store.WriteBehindQueue;
import io.pricewire.core.store.dynamo.DynamoClients;
import io.pricewire.core.store.dynamo.DynamoPriceStore;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.Meters;
import io.pricewire.service.support.Percentiles;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import io.pricewire.testkit.Await;
import io.pricewire.testkit.Dynalite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB (dynalite, with its data on disk so the table survives) dies under a running service
 * and comes back: GETs are answered from the caches meanwhile, the hot tier goes on refreshing
 * (each new price served at once and queued for the table), and the aggregates refreshed during
 * the outage land in the table once it returns — the newest one, nothing older on top.
 */
@TimingSensitive
class DynamoOutageTest {
    /** Hot refreshes of BTC the outage must see served: several cycles' worth of prices only the queue holds. */
    private static final int REFRESHES_DURING_OUTAGE = 3;

    @Test
    void shouldServeFromCacheAndWriteTheNewestPriceOnceDynamoReturns() throws Exception {
        Path data = Files.createTempDirectory("dynalite-outage");
        try (Dynalite dynamo = Dynalite.startOnFreePort(data)) {
            Map<String, String> props = TestStack.properties(
                    TestStack.FAST_TIERS,
                    Map.of("pricewire.dynamodb-endpoint", dynamo.endpoint().toString()));
            String table = props.get("pricewire.table");
            try (EmbeddedServer server = TestStack.start(props)) {
                Http http = new Http(server.getURI()).awaitReady();
                MeterRegistry registry = server.getApplicationContext().getBean(MeterRegistry.class);
                WriteBehindQueue storeWrites = server.getApplicationContext().getBean(WriteBehindQueue.class);

                dynamo.stop();
                Instant down = Instant.now();
                double hotRefreshesBefore = Meters.refreshes(registry, "hot");
                List<Long> latencies = new ArrayList<>();
                Set<Instant> servedSinceDown = new HashSet<>();
                int[] maxBacklog = {0};
                // the outage lasts until BTC was refreshed and served several times with the table away, not a fixed
                // time
                Await.until(
                        REFRESHES_DURING_OUTAGE + " hot refreshes of BTC served while DynamoDB is down",
                        Duration.ofSeconds(60),
                        Duration.ofMillis(100),
                        () -> {
                            long start = System.nanoTime();
                            Http.Answer a = http.get("/v1/prices/BTC");
                            latencies.add(System.nanoTime() - start);
                            assertThat(a.status()).as(a.body()).isEqualTo(200);
                            Instant ts = Instant.parse(a.json().get("timestamp").asText());
                            if (ts.isAfter(down)) {
                                servedSinceDown.add(ts);
                            }
                            maxBacklog[0] = Math.max(maxBacklog[0], storeWrites.backlog());
                            return servedSinceDown.size() >= REFRESHES_DURING_OUTAGE
                                    && maxBacklog[0] > 0
                                    && http.get("/health/readiness").body().contains("\"dynamodb\":\"DOWN\"");
                        });
                assertThat(http.get("/health/readiness").body()).contains("\"dynamodb\":\"DOWN\"");
                assertThat(Meters.refreshes(registry, "hot") - hotRefreshesBefore)
                        .as("hot refreshes during the outage")
                        .isGreaterThanOrEqualTo(REFRESHES_DURING_OUTAGE);
                assertThat(maxBacklog[0])
                        .as("refreshed prices queued for the table during the outage")
                        .isPositive();
                Instant newestServed =
                        servedSinceDown.stream().max(Instant::compareTo).orElseThrow();
                System.out.println("GET latency with DynamoDB down: "
                        + Percentiles.of(latencies).nanosAsMillis() + "; store backlog peaked at " + maxBacklog[0]);

                dynamo.start();
                try (DynamoDbClient client =
                        DynamoClients.create("us-east-1", dynamo.endpoint(), Duration.ofSeconds(2))) {
                    DynamoPriceStore store = new DynamoPriceStore(client, table, OperationTimer.NONE);
                    Await.until(
                            "the outage's newest BTC price in the table",
                            Duration.ofSeconds(20),
                            () -> store.get("BTC")
                                    .map(p -> !p.timestamp().isBefore(newestServed))
                                    .orElse(false));
                    Price stored = store.get("BTC").orElseThrow();
                    assertThat(stored.timestamp())
                            .as("the table holds a price refreshed during the outage")
                            .isAfter(down);
                    Http.Answer served = http.get("/v1/prices/BTC");
                    assertThat(Instant.parse(served.json().get("timestamp").asText()))
                            .as("the table never holds something newer than what is served")
                            .isAfterOrEqualTo(stored.timestamp().minusSeconds(3));
                }
            }
        }
    }
}
