package io.pricewire.core.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.exchange.ExchangeAdapter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The service and the cold refresh Lambda call the exchanges from one address, so the per-IP limit is theirs
 * together: both at full speed for a minute of simulated time, every call they let out is offered to Coinbase's
 * published bucket (10 requests/s, bursts to 15), which must never refuse one.
 */
class ExchangeLimitSplitTest {
    private static final ExchangeAdapter.RateLimit COINBASE = new ExchangeAdapter.RateLimit(10, Duration.ofSeconds(1));
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void shouldNeverExceedCoinbasesLimitWhenTheServiceAndTheColdLambdaCallFlatOut() {
        assertThat(refusedByCoinbase(
                        ExchangeClientSettings.SERVICE_LIMIT_SHARE, ExchangeClientSettings.COLD_REFRESH_LIMIT_SHARE))
                .isZero();
    }

    @Test
    void shouldBeRefusedByCoinbaseWhenTheSharesAddUpToMoreThanTheLimit() {
        // the split before: the service at the whole limit and the Lambda at half of it
        assertThat(refusedByCoinbase(1.0, 0.5)).isGreaterThan(100);
    }

    /** Calls Coinbase refuses when every lane takes each permit the moment it has one, for 60 simulated seconds. */
    private long refusedByCoinbase(double serviceShare, double lambdaShare) {
        List<ExchangeRateLimiter> lanes = List.of(
                new ExchangeRateLimiter(
                        COINBASE, serviceShare * ExchangeClientSettings.SERVICE_PRIORITY_SHARE, now::get),
                new ExchangeRateLimiter(
                        COINBASE, serviceShare * (1 - ExchangeClientSettings.SERVICE_PRIORITY_SHARE), now::get),
                new ExchangeRateLimiter(COINBASE, lambdaShare, now::get));
        CoinbaseBucket coinbase = new CoinbaseBucket(15, 10, now.get());
        long refused = 0;
        long step = Duration.ofMillis(1).toNanos();
        for (long t = 0; t < Duration.ofSeconds(60).toNanos(); t += step) {
            for (ExchangeRateLimiter lane : lanes) {
                while (lane.reserve(1, Duration.ZERO) == 0) {
                    refused += coinbase.tryAcquire(now.get()) ? 0 : 1;
                }
            }
            now.addAndGet(step);
        }
        return refused;
    }

    /** Coinbase's public limit as it documents it: a bucket of 15 requests refilled at 10 per second, per IP. */
    private static final class CoinbaseBucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last;

        CoinbaseBucket(int capacity, int perSecond, long start) {
            this.capacity = capacity;
            this.perNano = perSecond / 1e9;
            this.tokens = capacity;
            this.last = start;
        }

        boolean tryAcquire(long nanos) {
            tokens = Math.min(capacity, tokens + (nanos - last) * perNano);
            last = nanos;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
