package io.pricewire.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.service.config.RateLimitProperties;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link RefreshThrottle}'s two allowances on a fake clock. */
class RefreshAllowanceTest {
    private static final Duration PERIOD = Duration.ofSeconds(10);
    private final AtomicLong nanos = new AtomicLong(1);
    private final RefreshThrottle throttle =
            new RefreshThrottle(new RateLimitProperties(true, 200, 400, 0, 1000, 2, 1, PERIOD), nanos::get);

    @Test
    void shouldNotSpendTheSymbolsShareWhenTheKeysAllowanceRefusesTheCall() {
        assertThat(throttle.take("k1", "BTC")).isZero();
        assertThat(throttle.take("k1", "ETH")).isZero();
        assertThat(throttle.take("k1", "SOL"))
                .as("the key's two per period are spent")
                .isPositive();

        nanos.addAndGet(PERIOD.toNanos() / 2); // one key token back; a spent symbol share would still be half empty
        assertThat(throttle.take("k1", "SOL")).isZero();
    }

    @Test
    void shouldAllowOneRefreshPerSymbolPerPeriodAndKeepKeysApart() {
        assertThat(throttle.take("k1", "BTC")).isZero();
        assertThat(throttle.take("k1", "BTC")).isEqualTo(PERIOD.toNanos());
        assertThat(throttle.take("k2", "BTC")).as("another key").isZero();

        nanos.addAndGet(PERIOD.toNanos());
        assertThat(throttle.take("k1", "BTC")).isZero();
    }
}
