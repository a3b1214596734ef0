package io.pricewire.service.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.core.store.dynamo.DynamoClients;
import io.pricewire.core.store.dynamo.DynamoPriceStore;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.core.store.WriteBehindQueue;
import io.pricewire.service.support.Await;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.testkit.DelayingProxy;
import io.pricewire.testkit.Dynalite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB turns slow (3 s before every response, through a delaying proxy in front of dynalite)
 * under a running service: the hot tier stays fresh because Redis is written and published
 * without waiting for the table, and the table catches up with the newest price afterwards.
 */
class SlowDynamoTest {
    private static final Duration HOT_INTERVAL = Duration.ofSeconds(2);

    @Test
    void shouldKeepHotPricesFreshAndCatchTheTableUpWhenDynamoIsSlow() throws InterruptedException {
        try (Dynalite dynamo = Dynalite.startOnFreePort(); DelayingProxy proxy = DelayingProxy.startOnFreePort(dynamo.endpoint())) {
            Map<String, Object> props = new HashMap<>(TestStack.properties());
            props.put("pricewire.dynamodb-endpoint", proxy.endpoint().toString());
            props.put("pricewire.tiers.hot-interval", HOT_INTERVAL.toSeconds() + "s");
            props.put("pricewire.tiers.medium-interval", "6s");
            props.put("pricewire.store.write-behind.breaker-open-for", "2s");
            String table = (String) props.get("pricewire.table");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
                Http http = new Http(server.getURI());
                WriteBehindQueue storeWrites = server.getApplicationContext().getBean(WriteBehindQueue.class);
                Await.ready(http);
                assertThat(http.get("/v1/prices/BTC").status()).isEqualTo(200);

                proxy.delayResponses(Duration.ofSeconds(3));
                List<Long> ages = new ArrayList<>();
                int maxBacklog = 0;
                Instant newestServed = Instant.EPOCH;
                Instant end = Instant.now().plus(Duration.ofSeconds(12));
                while (Instant.now().isBefore(end)) {
                    for (String symbol : List.of("BTC", "ETH")) {
                        Http.Answer a = http.get("/v1/prices/" + symbol);
                        assertThat(a.status()).as(a.body()).isEqualTo(200);
                        ages.add(a.json().get("ageMs").asLong());
                        if (symbol.equals("BTC")) {
                            Instant ts = Instant.parse(a.json().get("timestamp").asText());
                            newestServed = ts.isAfter(newestServed) ? ts : newestServed;
                        }
                    }
                    maxBacklog = Math.max(maxBacklog, storeWrites.backlog());
                    Thread.sleep(200); // the sampling rate, not a wait for something to happen
                }
                List<Long> sorted = ages.stream().sorted().toList();
                System.out.printf("hot ageMs with DynamoDB answering after 3 s: n=%d p50=%d p99=%d max=%d (limit %d); "
                                + "store backlog peaked at %d%n", sorted.size(), sorted.get(sorted.size() / 2),
                        sorted.get((int) (sorted.size() * 0.99)), sorted.getLast(), HOT_INTERVAL.multipliedBy(2).toMillis(), maxBacklog);
                assertThat(maxBacklog).as("the table really lagged behind").isPositive();
                assertThat(sorted.getLast()).as("every hot price served within 2 x the hot interval")
                        .isLessThan(HOT_INTERVAL.multipliedBy(2).toMillis());

                proxy.delayResponses(Duration.ZERO);
                try (DynamoDbClient client = DynamoClients.create("us-east-1", dynamo.endpoint(), Duration.ofSeconds(2))) {
                    DynamoPriceStore store = new DynamoPriceStore(client, table, OperationTimer.NONE);
                    Instant mustReach = newestServed;
                    Await.until("the table to catch up with the newest BTC served", Duration.ofSeconds(30),
                            () -> store.get("BTC").map(p -> !p.timestamp().isBefore(mustReach)).orElse(false));
                }
            }
        }
    }
}
