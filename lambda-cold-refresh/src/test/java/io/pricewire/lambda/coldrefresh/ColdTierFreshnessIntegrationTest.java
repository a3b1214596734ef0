package io.pricewire.lambda.coldrefresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.asset.TierBoundaries;
import io.pricewire.core.price.Price;
import io.pricewire.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cold tier with its interval shortened to 10 s: the handler, fired on that schedule as
 * EventBridge would, keeps every cold price younger than twice the interval across four runs (some 35 s).
 */
class ColdTierFreshnessIntegrationTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    /** Runs at 0, 10, 20 and 30 s: three whole intervals between runs, the freshness the schedule must keep. */
    private static final int RUNS = 4;

    private static final AssetUniverse UNIVERSE = TestSupport.universeWithColdAssets(40);
    private static final List<Asset> COLD = UNIVERSE.inTier(Tier.COLD, TierBoundaries.DEFAULT);

    @Test
    void shouldKeepEveryColdPriceInsideTwiceTheIntervalWhenFiredOnSchedule() {
        ColdRefreshWiring wiring = ColdRefreshWiring.create(
                TestSupport.config(TestSupport.redisUri(2)),
                UNIVERSE,
                Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            wiring.store().createTableIfMissing();
            ColdRefreshHandler handler = new ColdRefreshHandler(wiring.job());
            List<String> symbols = COLD.stream().map(Asset::symbol).toList();
            Schedule schedule = new Schedule(Instant.now());
            long[] worstMs = {0};
            // EventBridge's schedule, and between its runs a look at the table every second; the period ends with the
            // runs, not at a fixed time, so a slow run on a loaded machine stretches it instead of cutting it short
            Duration limit = INTERVAL.multipliedBy(RUNS + 6);
            Await.until(
                    RUNS + " scheduled runs and half an interval after the last", limit, Duration.ofSeconds(1), () -> {
                        if (schedule.due()) {
                            handler.handleRequest(
                                    TestSupport.scheduledEvent(), TestSupport.context(Duration.ofMinutes(1)));
                            schedule.fired();
                        }
                        Map<String, Price> stored = wiring.store().getAll(symbols);
                        assertThat(stored).as("every cold asset has a price").hasSize(COLD.size());
                        Instant now = Instant.now();
                        for (Price p : stored.values()) {
                            worstMs[0] = Math.max(worstMs[0], p.age(now).toMillis());
                        }
                        assertThat(worstMs[0])
                                .as("oldest cold price (ms)")
                                .isLessThan(INTERVAL.multipliedBy(2).toMillis());
                        return schedule.runs == RUNS && !now.isBefore(schedule.next.minus(INTERVAL.dividedBy(2)));
                    });
            System.out.printf(
                    "cold freshness over %d runs at a %d s interval: oldest price %d ms (limit %d)%n",
                    RUNS,
                    INTERVAL.toSeconds(),
                    worstMs[0],
                    INTERVAL.multipliedBy(2).toMillis());
        } finally {
            wiring.close();
        }
    }

    /** When the next run is due: every {@link #INTERVAL} from the first, as EventBridge's {@code rate()} fires. */
    private static final class Schedule {
        private Instant next;
        private int runs;

        Schedule(Instant first) {
            this.next = first;
        }

        boolean due() {
            return runs < RUNS && !Instant.now().isBefore(next);
        }

        void fired() {
            runs++;
            next = next.plus(INTERVAL);
        }
    }
}
