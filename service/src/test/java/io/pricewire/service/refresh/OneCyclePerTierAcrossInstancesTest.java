package io.pricewire.service.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import io.pricewire.testkit.Await;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two service instances on one Redis and one table: each hot and medium cycle runs on one of
 * them only, counted as OKX calls at the simulator (one bulk /tickers call per cycle).
 *
 * <p>The count is taken over however long the calls take to come, not over a fixed time: a
 * tier's lease lasts 0.9 of its interval, so however the two instances' ticks interleave, and
 * however late a loaded machine runs them, one tier's cycles start at least that far apart. The
 * calls must fit that pace over the measured time; both instances running every cycle would make
 * them come twice as fast.
 */
@TimingSensitive
class OneCyclePerTierAcrossInstancesTest {
    private static final Duration HOT = Duration.ofSeconds(1);
    private static final Duration MEDIUM = Duration.ofSeconds(2);
    /** Some ten seconds of cycles for one instance (10 hot + 5 medium), five for two without the lease. */
    private static final int CALLS = 15;
    /** Per tier, a cycle already under way when the count starts, whose call lands after it. */
    private static final int UNDER_WAY = 1;

    @Test
    void shouldRunEachTierCycleOnExactlyOneInstanceWhenTwoShareRedis() {
        Map<String, String> props = TestStack.properties(
                TestStack.FIXED_TIERS,
                Map.of(
                        "pricewire.tiers.hot-interval", HOT.toMillis() + "ms",
                        "pricewire.tiers.medium-interval", MEDIUM.toMillis() + "ms"));
        try (EmbeddedServer first = TestStack.start(props);
                EmbeddedServer second = TestStack.start(props)) {
            new Http(first.getURI()).awaitReady();
            new Http(second.getURI()).awaitReady();
            TestStack.sim().resetCounts();
            long started = System.nanoTime();
            Await.until(
                    CALLS + " OKX calls",
                    Duration.ofSeconds(60),
                    Duration.ofMillis(50),
                    () -> TestStack.sim().requestCount(ExchangeId.OKX) >= CALLS);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            long okxCalls = TestStack.sim().requestCount(ExchangeId.OKX);

            long mostForOneInstance =
                    leaseBoundCycles(elapsed, HOT) + leaseBoundCycles(elapsed, MEDIUM) + 2L * UNDER_WAY;
            System.out.printf(
                    "OKX calls with two instances: %d in %d ms (one instance at most %d, two without the lease about %d)%n",
                    okxCalls,
                    elapsed.toMillis(),
                    mostForOneInstance,
                    2 * (cycles(elapsed, HOT) + cycles(elapsed, MEDIUM)));
            assertThat(okxCalls).as("OKX calls in %d ms", elapsed.toMillis()).isLessThanOrEqualTo(mostForOneInstance);
        }
    }

    /** The most cycles of a tier that can start within {@code elapsed}: one per lease (0.9 × the interval), plus the first. */
    private static long leaseBoundCycles(Duration elapsed, Duration interval) {
        return elapsed.toNanos() / interval.multipliedBy(9).dividedBy(10).toNanos() + 1;
    }

    /** The cycles of a tier one instance runs within {@code elapsed} when its ticker keeps time. */
    private static long cycles(Duration elapsed, Duration interval) {
        return elapsed.toNanos() / interval.toNanos();
    }
}
