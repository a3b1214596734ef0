package io.pricewire.service.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.core.price.Price;
import io.pricewire.core.store.dynamo.DynamoClients;
import io.pricewire.core.store.dynamo.DynamoPriceStore;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.service.support.Await;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.testkit.Dynalite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB (dynalite, with its data on disk so the table survives) dies under a running service
 * and comes back: GETs are answered from the caches meanwhile, and the aggregates refreshed during
 * the outage land in the table once it returns — the newest one, nothing older on top.
 */
class DynamoOutageTest {

    @Test
    void shouldServeFromCacheAndWriteTheNewestPriceOnceDynamoReturns() throws Exception {
        Path data = Files.createTempDirectory("dynalite-outage");
        try (Dynalite dynamo = Dynalite.startOnFreePort(data)) {
            Map<String, Object> props = new HashMap<>(TestStack.properties());
            props.put("pricewire.dynamodb-endpoint", dynamo.endpoint().toString());
            props.put("pricewire.tiers.hot-interval", "2s");
            props.put("pricewire.tiers.medium-interval", "6s");
            String table = (String) props.get("pricewire.table");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
                Http http = new Http(server.getURI());
                Await.until("ready", Duration.ofSeconds(60), () -> http.get("/health/readiness").status() == 200);

                dynamo.stop();
                List<Long> latencies = new ArrayList<>();
                Instant newestServed = Instant.EPOCH;
                Instant end = Instant.now().plus(Duration.ofSeconds(8));
                while (Instant.now().isBefore(end)) {
                    long start = System.nanoTime();
                    Http.Answer a = http.get("/v1/prices/BTC");
                    latencies.add(System.nanoTime() - start);
                    assertThat(a.status()).as(a.body()).isEqualTo(200);
                    Instant ts = Instant.parse(a.json().get("timestamp").asText());
                    newestServed = ts.isAfter(newestServed) ? ts : newestServed;
                    Thread.sleep(100);
                }
                assertThat(http.get("/health/readiness").body()).contains("\"dynamodb\":\"DOWN\"");
                System.out.println("GET latency with DynamoDB down: " + Await.percentiles(latencies));

                dynamo.start();
                try (DynamoDbClient client = DynamoClients.create("us-east-1", dynamo.endpoint(), Duration.ofSeconds(2))) {
                    DynamoPriceStore store = new DynamoPriceStore(client, table, OperationTimer.NONE);
                    Instant mustReach = newestServed;
                    Await.until("the outage's newest BTC price in the table", Duration.ofSeconds(20),
                            () -> store.get("BTC").map(p -> !p.timestamp().isBefore(mustReach)).orElse(false));
                    Price stored = store.get("BTC").orElseThrow();
                    Http.Answer served = http.get("/v1/prices/BTC");
                    assertThat(Instant.parse(served.json().get("timestamp").asText()))
                            .as("the table never holds something newer than what is served").isAfterOrEqualTo(stored.timestamp().minusSeconds(3));
                }
            }
        }
    }
}
