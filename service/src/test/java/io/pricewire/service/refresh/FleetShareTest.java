package io.pricewire.service.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricewire.core.exchange.ExchangeAdapter;
import io.pricewire.core.exchange.ExchangeAdapters;
import io.pricewire.core.exchange.http.ExchangeClientSettings;
import io.pricewire.core.exchange.http.ExchangeRateLimiter;
import io.pricewire.service.lease.RedisLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The exchange budget while the refresh lease is unreachable: every instance refreshes, each at
 * its share of every exchange's limit, so the fleet as a whole stays within the limit. Time is
 * simulated: each instance calls as often as its limiter lets it for a simulated minute.
 */
class FleetShareTest {
    private static final Duration SIMULATED = Duration.ofMinutes(1);
    private static final Duration STEP = Duration.ofMillis(10);

    @Test
    void shouldKeepTheFleetsCombinedCallsWithinEveryExchangesLimitWhenEveryInstanceRefreshes() {
        FleetShare fleet = new FleetShare(6);
        double share = fleet.applyTo(ExchangeClientSettings.DEFAULT).limitShare();
        for (ExchangeAdapter adapter : ExchangeAdapters.defaults().values()) {
            ExchangeAdapter.RateLimit limit = adapter.rateLimit();
            double allowed = limit.permits()
                    * (double) SIMULATED.toNanos()
                    / limit.period().toNanos();

            long fleetCalls = greedyCalls(limit, share, fleet.maxInstances());

            // plus one burst: each instance's bucket starts full, and those add up to at most one limiter's burst
            assertThat((double) fleetCalls).as(adapter.id().label()).isLessThanOrEqualTo(allowed + burst(limit));
        }
    }

    @Test
    void shouldExceedTheLimitWhenEveryInstanceKeptTheWholeLimit() {
        ExchangeAdapter.RateLimit coinbase = ExchangeAdapters.defaults().values().stream()
                .filter(a -> a.id().label().equals("coinbase"))
                .findFirst()
                .orElseThrow()
                .rateLimit();
        double allowed = coinbase.permits()
                * (double) SIMULATED.toNanos()
                / coinbase.period().toNanos();

        assertThat((double) greedyCalls(coinbase, 1.0, 6))
                .as("what the division prevents")
                .isGreaterThan(5 * allowed);
    }

    @Test
    void shouldUseTheWholeLimitWhenTheFleetIsOneInstance() {
        assertThat(new FleetShare(1).applyTo(ExchangeClientSettings.DEFAULT)).isEqualTo(ExchangeClientSettings.DEFAULT);
    }

    @Test
    void shouldDivideWhatTheSettingsAlreadyAllow() {
        ExchangeClientSettings half = ExchangeClientSettings.DEFAULT.with(Duration.ofSeconds(2), 0.5);

        assertThat(new FleetShare(4).applyTo(half).limitShare()).isEqualTo(0.125);
    }

    @Test
    void shouldRefuseAFleetOfNoInstances() {
        assertThatThrownBy(() -> new FleetShare(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRouteToTheFleetShareOnlyWhenTheLeaseIsUnreachable() {
        assertThat(TierTickers.route(RedisLease.Answer.ACQUIRED)).isEqualTo(TierTickers.Route.OWN_CLIENTS);
        assertThat(TierTickers.route(RedisLease.Answer.HELD_ELSEWHERE)).isEqualTo(TierTickers.Route.SKIP);
        assertThat(TierTickers.route(RedisLease.Answer.UNREACHABLE)).isEqualTo(TierTickers.Route.FLEET_SHARE);
    }

    /** Calls made in {@link #SIMULATED} by {@code instances} limiters at {@code share}, each calling whenever it may. */
    private static long greedyCalls(ExchangeAdapter.RateLimit limit, double share, int instances) {
        AtomicLong now = new AtomicLong();
        List<ExchangeRateLimiter> limiters = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            limiters.add(new ExchangeRateLimiter(limit, share, now::get));
        }
        long calls = 0;
        for (long t = 0; t < SIMULATED.toNanos(); t += STEP.toNanos()) {
            now.set(t);
            for (ExchangeRateLimiter limiter : limiters) {
                while (limiter.reserve(1, Duration.ZERO) == 0) {
                    calls++;
                }
            }
        }
        return calls;
    }

    /** The most one limiter at the whole limit lets through at once (two seconds' worth, see ExchangeRateLimiter), at least 1 per instance. */
    private static double burst(ExchangeAdapter.RateLimit limit) {
        double twoSeconds = Math.min(
                1.0, (double) Duration.ofSeconds(2).toNanos() / limit.period().toNanos());
        return Math.max(6, limit.permits() * twoSeconds);
    }
}
