import io.pricewire.core.history.Bucket;
import io.pricewire.core.history.Candle;
import io.pricewire.core.history.HistoryRecorder;
import io.pricewire.core.history.HistoryRollup;
import io.pricewire.core.history.Resolution;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceStatus;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.core.store.dynamo.DynamoClients;
import io.pricewire.core.store.dynamo.DynamoHistoryStore;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The price history's two figures (docs/architecture.md §3), against a DynamoDB-API server (dynalite locally):
 * the write count of simulated minutes of 200 service assets and 9,800 cold ones against the cost on paper, and the
 * latency of a 24 h query at 1-minute resolution while 10,000 assets' minutes are being written. Run by
 * loadtest/history-bench with the cold Lambda's shaded jar (core and the AWS SDK) on the class path.
 */
public final class HistoryBench {
    /** A clock the simulation moves. */
    static final class SimClock extends Clock {
        volatile Instant now;

        SimClock(Instant start) {
            now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int serviceAssets = Integer.parseInt(args[1]);
        int coldAssets = Integer.parseInt(args[2]);
        int minutes = Integer.parseInt(args[3]);
        int querySeconds = Integer.parseInt(args[4]);
        Map<String, AtomicLong> ops = new ConcurrentHashMap<>();
        OperationTimer counting = (op, nanos, ok) -> ops.computeIfAbsent(op, o -> new AtomicLong()).incrementAndGet();
        try (DynamoDbClient dynamo = DynamoClients.create("us-east-1", endpoint, Duration.ofSeconds(5))) {
            String table = "price_history-bench-" + UUID.randomUUID();
            DynamoHistoryStore store = new DynamoHistoryStore(dynamo, table, counting, 16);
            store.createTableIfMissing();

            // 1. write counts: simulated minutes, the service's 5 s ticks and the cold Lambda's 5-minute runs
            SimClock clock = new SimClock(Instant.parse("2026-11-26T10:58:00Z"));
            HistoryRecorder service = new HistoryRecorder(store, clock, Duration.ofSeconds(5), 1_000_000);
            HistoryRecorder cold = new HistoryRecorder(
                    store, EnumSet.of(Resolution.MINUTE), clock, Duration.ZERO, 1_000_000);
            HistoryRollup rollup = new HistoryRollup(store, store, Duration.ofMinutes(5), 16);
            List<String> coldSymbols = new ArrayList<>();
            for (int i = 0; i < coldAssets; i++) {
                coldSymbols.add("C" + i);
            }
            long started = System.nanoTime();
            for (int second = 0; second < minutes * 60; second += 5) {
                for (int i = 0; i < serviceAssets; i++) {
                    service.record(price("S" + i, 100 + (second % 7), clock.now));
                }
                if (second % 300 == 0) { // a cold run: record, flush, roll up
                    coldSymbols.forEach(s -> cold.record(price(s, 10, clock.now)));
                    cold.flush();
                    rollup.afterRun(coldSymbols, clock.now);
                }
                service.tick();
                clock.now = clock.now.plusSeconds(5);
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            long writes = count(ops, "history_put") + count(ops, "history_merge");
            System.out.printf(
                    "writes: %d simulated minutes (%s to %s), %d service + %d cold assets: %d puts, %d merges, %d gets,"
                            + " %d queries, %.1f writes per simulated minute, in %.1f s (%.0f writes/s)%n",
                    minutes, "10:58", clock.now.toString().substring(11, 16), serviceAssets, coldAssets,
                    count(ops, "history_put"), count(ops, "history_merge"), count(ops, "history_get"),
                    count(ops, "history_query"), writes / (double) minutes, elapsed, writes / elapsed);
            double paper = serviceAssets * 1.0 + coldAssets / 5.0; // minute writes per minute
            System.out.printf(
                    "paper (minute buckets only): %.1f writes per minute = %d service + %d cold / 5; the simulation"
                            + " crosses one hour (1h writes and the cold roll-up) %n", paper, serviceAssets, coldAssets);

            // 2. a day of minutes for one asset, then its 24 h query while 10,000 assets' minutes are written
            List<Bucket> day = new ArrayList<>();
            Instant dayStart = Instant.parse("2026-11-20T00:00:00Z");
            for (int m = 0; m < 1440; m++) {
                day.add(Bucket.of("BENCH", Resolution.MINUTE, BigDecimal.valueOf(1000 + m % 13), dayStart.plusSeconds(60L * m)));
            }
            store.merge(day);
            double paperPerSecond = (serviceAssets + coldAssets / 5.0) / 60.0;
            measureQueries(store, dayStart, serviceAssets + coldAssets, paperPerSecond, querySeconds,
                    "at the paper's average write rate");
            measureQueries(store, dayStart, serviceAssets + coldAssets, 0, querySeconds,
                    "while writing flat out, as during a cold run's flush of 9,800 minutes");
            dynamo.deleteTable(b -> b.tableName(table));
        }
    }

    /**
     * 24 h queries every 50 ms for {@code seconds} while {@code assets}' minutes are written at {@code perSecond}
     * (0: as fast as the store takes them).
     */
    static void measureQueries(
            DynamoHistoryStore store, Instant dayStart, int assets, double perSecond, int seconds, String label)
            throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        Thread writer = Thread.ofPlatform().name("bench-writer").start(() -> {
            Instant minute = Instant.parse("2026-11-27T00:00:00Z").plusSeconds(perSecond == 0 ? 86_400 : 0);
            int chunk = perSecond == 0 ? 500 : 1;
            long begun = System.nanoTime();
            while (writing.get()) {
                List<Bucket> batch = new ArrayList<>();
                for (int i = 0; i < assets && writing.get(); i++) {
                    batch.add(Bucket.of("W" + i, Resolution.MINUTE, BigDecimal.TEN, minute));
                    if (batch.size() == chunk) {
                        store.merge(batch);
                        long done = written.addAndGet(batch.size());
                        batch.clear();
                        if (perSecond > 0) { // paced: the write due at this count waits for its time
                            long due = begun + (long) (done / perSecond * 1e9);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                try {
                                    Thread.sleep(Duration.ofNanos(wait));
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        }
                    }
                }
                minute = minute.plusSeconds(60);
            }
        });
        for (int i = 0; i < 20; i++) { // warm the JIT and the connection pool
            query(store, dayStart);
        }
        long writtenBefore = written.get();
        long queryStart = System.nanoTime();
        List<Long> latencies = new ArrayList<>();
        while (System.nanoTime() - queryStart < seconds * 1_000_000_000L) {
            long t = System.nanoTime();
            int n = query(store, dayStart);
            latencies.add(System.nanoTime() - t);
            if (n != 1440) {
                throw new IllegalStateException("expected 1440 points, got " + n);
            }
            Thread.sleep(50); // a steady reader, not a flood: the point is the writes' effect on it
        }
        double queryElapsed = (System.nanoTime() - queryStart) / 1e9;
        long writesDuring = written.get() - writtenBefore;
        writing.set(false);
        writer.join();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "query 24 h at 1m (1,440 points) %s: %d queries over %.0f s, %.0f minute buckets/s written (%d assets):"
                        + " p50 %.1f ms, p99 %.1f ms, max %.1f ms -> %s (target p99 <= 50 ms)%n",
                label, sorted.length, queryElapsed, writesDuring / queryElapsed, assets, pct(sorted, 50),
                pct(sorted, 99), sorted[sorted.length - 1] / 1e6, pct(sorted, 99) <= 50 ? "PASS" : "FAIL");
    }

    static int query(DynamoHistoryStore store, Instant dayStart) {
        List<Candle> c = store.candles("BENCH", Resolution.MINUTE, dayStart, dayStart.plusSeconds(86_340), 1500);
        return c.size();
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }

    static long count(Map<String, AtomicLong> ops, String op) {
        return ops.getOrDefault(op, new AtomicLong()).get();
    }

    static Price price(String symbol, int value, Instant at) {
        return new Price(symbol, "USD", BigDecimal.valueOf(value), at, Tier.HOT, PriceStatus.OK, List.of(), List.of());
    }
}
