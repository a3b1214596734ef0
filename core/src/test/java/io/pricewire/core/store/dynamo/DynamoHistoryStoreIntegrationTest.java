package io.pricewire.core.store.dynamo;

import static io.pricewire.core.price.Prices.price;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.history.Bucket;
import io.pricewire.core.history.Candle;
import io.pricewire.core.history.HistoryRecorder;
import io.pricewire.core.history.HistoryRollup;
import io.pricewire.core.history.Resolution;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.testkit.MutableClock;
import io.pricewire.testkit.SharedServers;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The price history against a real DynamoDB-API server (dynalite, which has no TTL: the table is created without). */
class DynamoHistoryStoreIntegrationTest {
    private static final String TABLE = "price_history-" + UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final Map<String, AtomicInteger> OPS = new ConcurrentHashMap<>();
    private static final OperationTimer COUNTING =
            (op, nanos, ok) -> OPS.computeIfAbsent(op, o -> new AtomicInteger()).incrementAndGet();

    private static DynamoDbClient dynamo;
    private static DynamoHistoryStore store;

    @BeforeAll
    static void createTable() {
        dynamo = DynamoClients.create("us-east-1", SharedServers.dynamoEndpoint(), Duration.ofSeconds(5));
        store = new DynamoHistoryStore(dynamo, TABLE, COUNTING, 16);
        store.createTableIfMissing();
        store.createTableIfMissing(); // a second call finds the table and is harmless
    }

    @AfterAll
    static void close() {
        dynamo.close();
    }

    @Test
    void shouldAnswerARangeOldestFirstWithinTheLimit() {
        List<Bucket> minutes = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            minutes.add(Bucket.of("RNG", Resolution.MINUTE, BigDecimal.valueOf(100 + m), T0.plusSeconds(60L * m + 5)));
        }
        store.merge(minutes);

        List<Candle> range = store.candles("RNG", Resolution.MINUTE, T0.plusSeconds(120), T0.plusSeconds(360), 100);
        assertThat(range)
                .extracting(Candle::start)
                .containsExactly(
                        T0.plusSeconds(120),
                        T0.plusSeconds(180),
                        T0.plusSeconds(240),
                        T0.plusSeconds(300),
                        T0.plusSeconds(360));
        assertThat(range.getFirst().close()).isEqualByComparingTo("102");
        assertThat(store.candles("RNG", Resolution.MINUTE, T0, T0.plusSeconds(3600), 3))
                .extracting(Candle::start)
                .containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120));
        assertThat(store.candles("RNG", Resolution.HOUR, T0, T0.plusSeconds(3600), 10))
                .isEmpty();
        assertThat(store.candles("NOSUCH", Resolution.MINUTE, T0, T0.plusSeconds(3600), 10))
                .isEmpty();
        assertThat(store.candles("RNG", Resolution.MINUTE, T0.plusSeconds(60), T0, 10))
                .as("from after to")
                .isEmpty();
    }

    @Test
    void shouldMergeTwoWritersOfTheSameBucketInEitherOrder() {
        Bucket first = Bucket.of("TWO", Resolution.MINUTE, new BigDecimal("10"), T0.plusSeconds(1))
                .with(new BigDecimal("14"), T0.plusSeconds(20));
        Bucket second = Bucket.of("TWO", Resolution.MINUTE, new BigDecimal("9"), T0.plusSeconds(30))
                .with(new BigDecimal("11"), T0.plusSeconds(50));
        store.merge(List.of(second));
        store.merge(List.of(first)); // the earlier part arrives last: its open still wins, the later close stays

        Candle c = store.candles("TWO", Resolution.MINUTE, T0, T0, 1).getFirst();
        assertThat(List.of(c.open(), c.high(), c.low(), c.close()))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("10"), new BigDecimal("14"), new BigDecimal("9"), new BigDecimal("11"));

        int merges = count("history_merge");
        store.merge(List.of(first));
        assertThat(count("history_merge"))
                .as("a part already merged is not written again")
                .isEqualTo(merges);
    }

    @Test
    void shouldKeepEveryWritersExtremesWhenTheyRace() throws Exception {
        int writers = 4; // each conflict round lets one through: 4 racers need 4 attempts of the 5 allowed
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int i = w;
                DynamoHistoryStore own = new DynamoHistoryStore(dynamo, TABLE, COUNTING, 4);
                done.add(pool.submit(() -> {
                    go.await();
                    own.merge(List.of(
                            Bucket.of("RACE", Resolution.HOUR, BigDecimal.valueOf(100 + i), T0.plusSeconds(i))));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        Candle c = store.candles("RACE", Resolution.HOUR, T0, T0, 1).getFirst();
        assertThat(c.open()).isEqualByComparingTo("100");
        assertThat(c.high()).isEqualByComparingTo(Integer.toString(100 + writers - 1));
        assertThat(c.low()).isEqualByComparingTo("100");
        assertThat(c.close()).isEqualByComparingTo(Integer.toString(100 + writers - 1));
    }

    @Test
    void shouldWriteTheExpiryPerResolutionAndNoneForDays() {
        Instant at = T0.plusSeconds(90);
        store.merge(List.of(
                Bucket.of("TTL", Resolution.MINUTE, BigDecimal.ONE, at),
                Bucket.of("TTL", Resolution.HOUR, BigDecimal.ONE, at),
                Bucket.of("TTL", Resolution.DAY, BigDecimal.ONE, at)));

        assertThat(item("TTL#1m", T0.plusSeconds(60)).get("expiresAt").n())
                .isEqualTo(Long.toString(
                        T0.plusSeconds(60).plus(Duration.ofHours(48)).getEpochSecond()));
        assertThat(item("TTL#1h", T0).get("expiresAt").n())
                .isEqualTo(Long.toString(T0.plus(Duration.ofDays(365)).getEpochSecond()));
        assertThat(item("TTL#1d", Instant.parse("2026-11-26T00:00:00Z"))).doesNotContainKey("expiresAt");
    }

    @Test
    void shouldWriteAboutOneItemPerAssetPerBucketPeriodWhateverTheRefreshRate() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
        HistoryRecorder recorder = new HistoryRecorder(store, clock, Duration.ofSeconds(5), 10_000);
        List<String> assets = List.of("W1", "W2", "W3", "W4", "W5");
        int puts = count("history_put") + count("history_merge");
        for (int second = 0; second < 3 * 60; second += 5) { // 3 minutes of a 5 s ticker: 36 refreshes per asset
            for (String a : assets) {
                recorder.record(price(a, Integer.toString(100 + second), clock.instant()));
            }
            clock.advance(Duration.ofSeconds(5));
            recorder.tick();
        }
        clock.advance(Duration.ofSeconds(5));
        recorder.tick();

        assertThat(count("history_put") + count("history_merge") - puts)
                .as("3 minutes of 5 assets, not 36 refreshes of each")
                .isEqualTo(3 * assets.size());
        recorder.close(); // a graceful stop writes the open hour and day
        assertThat(count("history_put") + count("history_merge") - puts).isEqualTo(5 * assets.size());
        assertThat(store.candles("W3", Resolution.MINUTE, clock.instant().minusSeconds(600), clock.instant(), 10))
                .hasSize(3);
    }

    @Test
    void shouldRollTheColdRunsMinutesUpIntoTheirHourInTheTable() {
        Instant hour = Instant.parse("2026-11-26T15:00:00Z");
        for (int run = 0; run < 12; run++) { // a cold asset: one point per 5-minute run
            store.merge(List.of(Bucket.of(
                    "COLD1", Resolution.MINUTE, BigDecimal.valueOf(50 + run % 5), hour.plusSeconds(300L * run + 7))));
        }
        HistoryRollup rollup = new HistoryRollup(store, store, Duration.ofMinutes(5), 4);

        rollup.afterRun(List.of("COLD1"), hour.plus(Duration.ofMinutes(62)));
        rollup.afterRun(List.of("COLD1"), hour.plus(Duration.ofMinutes(62))); // a retried run: the same bucket again

        Candle c = store.candles("COLD1", Resolution.HOUR, hour, hour, 1).getFirst();
        assertThat(List.of(c.open(), c.high(), c.low(), c.close()))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(
                        new BigDecimal("50"), new BigDecimal("54"), new BigDecimal("50"), new BigDecimal("51"));
    }

    private static Map<String, AttributeValue> item(String series, Instant start) {
        return dynamo.getItem(b -> b.tableName(TABLE)
                        .key(Map.of(
                                "series",
                                AttributeValue.fromS(series),
                                "start",
                                AttributeValue.fromN(Long.toString(start.toEpochMilli())))))
                .item();
    }

    private static int count(String op) {
        return OPS.getOrDefault(op, new AtomicInteger()).get();
    }
}
