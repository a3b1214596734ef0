package io.pricewire.core.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.exchange.ExchangeAdapter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExchangeRateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void shouldAllowABurstUpToTheShortWindowsAllowanceThenSpacePermitsEvenly() {
        ExchangeRateLimiter coinbase =
                new ExchangeRateLimiter(new ExchangeAdapter.RateLimit(10, Duration.ofSeconds(1)), now::get);
        for (int i = 0; i < 10; i++) {
            assertThat(coinbase.reserve(1, Duration.ZERO)).isZero();
        }
        assertThat(coinbase.reserve(1, Duration.ZERO)).as("11th at once").isEqualTo(-1);
        assertThat(coinbase.reserve(1, Duration.ofSeconds(1)))
                .isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(coinbase.reserve(1, Duration.ofSeconds(1)))
                .isEqualTo(Duration.ofMillis(200).toNanos());
    }

    @Test
    void shouldGrantTheScaledLimitWhenTheRateLimitIsMultiplied() {
        ExchangeAdapter.RateLimit real = new ExchangeAdapter.RateLimit(10, Duration.ofSeconds(1));
        assertThat(real.times(10)).isEqualTo(new ExchangeAdapter.RateLimit(100, Duration.ofSeconds(1)));
        assertThat(real.times(0.01))
                .as("never below one permit")
                .isEqualTo(new ExchangeAdapter.RateLimit(1, Duration.ofSeconds(1)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> real.times(0))
                .isInstanceOf(IllegalArgumentException.class);

        ExchangeRateLimiter coinbase = new ExchangeRateLimiter(real.times(10), now::get);
        for (int i = 0; i < 100; i++) {
            assertThat(coinbase.reserve(1, Duration.ZERO)).isZero();
        }
        assertThat(coinbase.reserve(1, Duration.ZERO)).as("101st at once").isEqualTo(-1);
        assertThat(coinbase.reserve(1, Duration.ofSeconds(1)))
                .isEqualTo(Duration.ofMillis(10).toNanos());
    }

    @Test
    void shouldTakeNothingWhenTheCallerCannotWaitLongEnough() {
        ExchangeRateLimiter kraken =
                new ExchangeRateLimiter(new ExchangeAdapter.RateLimit(1, Duration.ofSeconds(1)), now::get);
        assertThat(kraken.reserve(1, Duration.ZERO)).isZero();
        for (int i = 0; i < 5; i++) {
            assertThat(kraken.reserve(1, Duration.ofMillis(500))).isEqualTo(-1);
        }
        assertThat(kraken.reserve(1, Duration.ofSeconds(2)))
                .as("declined callers did not push the next slot out")
                .isEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void shouldSplitTheLimitBetweenLanesWithoutExceedingTheExchangesBurst() {
        var coinbase = new ExchangeAdapter.RateLimit(10, Duration.ofSeconds(1));
        ExchangeRateLimiter priority = new ExchangeRateLimiter(coinbase, 0.5, now::get);
        ExchangeRateLimiter shared = new ExchangeRateLimiter(coinbase, 0.5, now::get);
        int atOnce = 0;
        while (priority.reserve(1, Duration.ZERO) == 0) {
            atOnce++;
        }
        while (shared.reserve(1, Duration.ZERO) == 0) {
            atOnce++;
        }
        assertThat(atOnce)
                .as("both lanes together burst no more than the exchange's own 10")
                .isEqualTo(10);
        assertThat(priority.reserve(1, Duration.ofSeconds(1)))
                .as("each lane refills at half the rate")
                .isEqualTo(Duration.ofMillis(200).toNanos());
    }

    @Test
    void shouldRefillWithTimeAndCountWeights() {
        ExchangeRateLimiter binance =
                new ExchangeRateLimiter(new ExchangeAdapter.RateLimit(6000, Duration.ofMinutes(1)), now::get);
        for (int i = 0; i < 50; i++) {
            assertThat(binance.reserve(4, Duration.ZERO))
                    .isZero(); // 200 weight: two seconds' worth of the minute's allowance
        }
        assertThat(binance.reserve(4, Duration.ZERO)).isEqualTo(-1);
        now.addAndGet(Duration.ofMillis(40).toNanos()); // 100 weight per second refills 4 in 40 ms
        assertThat(binance.reserve(4, Duration.ZERO)).isZero();
    }
}
