package io.pricewire.service.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.core.store.WriteBehindQueue;
import io.pricewire.core.store.dynamo.DynamoClients;
import io.pricewire.core.store.dynamo.DynamoPriceStore;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.Percentiles;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import io.pricewire.testkit.Await;
import io.pricewire.testkit.DelayingProxy;
import io.pricewire.testkit.Dynalite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB turns slow (3 s before every response, through a delaying proxy in front of dynalite)
 * under a running service: the hot tier stays as fresh as with a fast table, because Redis is
 * written and published without waiting for the table, and the table catches up with the newest
 * price afterwards. The ages served are measured twice in one run, table fast (the baseline) and
 * table slow, over the same number of hot cycles; the README quotes what this test prints.
 */
@TimingSensitive
class SlowDynamoTest {
    private static final Duration HOT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration TABLE_DELAY = Duration.ofSeconds(3);
    /** Hot cycles each phase samples: enough for stable percentiles, few enough for seconds. */
    private static final int CYCLES = 6;
    /** How often ages are sampled: ten samples per hot cycle. */
    private static final Duration SAMPLING = HOT_INTERVAL.dividedBy(10);

    @Test
    void shouldKeepHotPricesFreshAndCatchTheTableUpWhenDynamoIsSlow() {
        try (Dynalite dynamo = Dynalite.startOnFreePort();
                DelayingProxy proxy = DelayingProxy.startOnFreePort(dynamo.endpoint())) {
            Map<String, String> props = TestStack.properties(Map.of(
                    "pricewire.dynamodb-endpoint",
                    proxy.endpoint().toString(),
                    "pricewire.tiers.hot-interval",
                    HOT_INTERVAL.toSeconds() + "s",
                    "pricewire.tiers.medium-interval",
                    "6s",
                    "pricewire.store.write-behind.breaker-open-for",
                    "2s"));
            String table = props.get("pricewire.table");
            try (EmbeddedServer server = TestStack.start(props)) {
                Http http = new Http(server.getURI()).awaitReady();
                WriteBehindQueue storeWrites = server.getApplicationContext().getBean(WriteBehindQueue.class);
                assertThat(http.get("/v1/prices/BTC").status()).isEqualTo(200);

                Ages fast = Ages.sample(http, storeWrites, "table fast (baseline)");
                proxy.delayResponses(TABLE_DELAY);
                Ages slow = Ages.sample(http, storeWrites, "table answering after " + TABLE_DELAY.toSeconds() + " s");
                System.out.println(fast);
                System.out.println(slow);

                assertThat(slow.maxBacklog).as("the table really lagged behind").isPositive();
                assertThat(slow.ages.max())
                        .as("every hot price served within 2 x the hot interval")
                        .isLessThan(HOT_INTERVAL.multipliedBy(2).toMillis());
                // prices land every interval, so the median age is about half of it either way; had the Redis write
                // waited
                // for the table, every age would be at least the table's delay longer
                assertThat(slow.ages.p(0.50))
                        .as("median hot age with the table slow, against %s", fast)
                        .isLessThan(
                                fast.ages.p(0.50) + HOT_INTERVAL.dividedBy(2).toMillis());

                proxy.delayResponses(Duration.ZERO);
                try (DynamoDbClient client =
                        DynamoClients.create("us-east-1", dynamo.endpoint(), Duration.ofSeconds(2))) {
                    DynamoPriceStore store = new DynamoPriceStore(client, table, OperationTimer.NONE);
                    Await.until(
                            "the table to catch up with the newest BTC served",
                            Duration.ofSeconds(30),
                            () -> store.get("BTC")
                                    .map(p -> !p.timestamp().isBefore(slow.newestBtc))
                                    .orElse(false));
                }
            }
        }
    }

    /** The ages of hot prices served over {@link #CYCLES} hot cycles, and the store backlog meanwhile. */
    private static final class Ages {
        private final String what;
        private final List<Long> samples = new ArrayList<>();
        private final Set<Instant> btcCycles = new HashSet<>();
        private final Instant from = Instant.now();
        private Percentiles ages;
        private Instant newestBtc = Instant.EPOCH;
        private int maxBacklog;

        private Ages(String what) {
            this.what = what;
        }

        /** Samples until BTC was served from {@link #CYCLES} cycles that began after the sampling did. */
        static Ages sample(Http http, WriteBehindQueue storeWrites, String what) {
            Ages a = new Ages(what);
            Await.until(
                    CYCLES + " hot cycles sampled, " + what, HOT_INTERVAL.multipliedBy(CYCLES * 5L), SAMPLING, () -> {
                        a.sampleOnce(http, storeWrites);
                        return a.btcCycles.size() >= CYCLES;
                    });
            a.ages = Percentiles.of(a.samples);
            return a;
        }

        private void sampleOnce(Http http, WriteBehindQueue storeWrites) {
            for (String symbol : List.of("BTC", "ETH")) {
                Http.Answer answer = http.get("/v1/prices/" + symbol);
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                samples.add(answer.json().get("ageMs").asLong());
                Instant ts = Instant.parse(answer.json().get("timestamp").asText());
                if (symbol.equals("BTC") && ts.isAfter(from)) {
                    btcCycles.add(ts);
                    newestBtc = ts.isAfter(newestBtc) ? ts : newestBtc;
                }
            }
            maxBacklog = Math.max(maxBacklog, storeWrites.backlog());
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "hot ageMs, %s: n=%d p50=%d p99=%d max=%d (limit %d); store backlog peaked at %d",
                    what,
                    ages.count(),
                    ages.p(0.50),
                    ages.p(0.99),
                    ages.max(),
                    HOT_INTERVAL.multipliedBy(2).toMillis(),
                    maxBacklog);
        }
    }
}
