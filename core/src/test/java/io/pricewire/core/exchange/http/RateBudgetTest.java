package io.pricewire.core.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.exchange.ExchangeAdapter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateBudgetTest {
    private final AtomicLong now = new AtomicLong();
    /** Kraken: one call a second; lanes of 0.3 and 0.45 of it, as the service splits them. */
    private final ExchangeAdapter.RateLimit kraken = new ExchangeAdapter.RateLimit(1, Duration.ofSeconds(1));

    private final ExchangeRateLimiter shared = new ExchangeRateLimiter(kraken, 0.3, now::get);
    private final ExchangeRateLimiter priority = new ExchangeRateLimiter(kraken, 0.45, now::get);
    private final RateBudget misses = RateBudget.firstOrSpare(shared, priority);

    @Test
    void shouldBorrowThePriorityLanesPermitOnlyWhenItHoldsOneNow() {
        assertThat(misses.reserve(1, Duration.ofSeconds(2)))
                .as("the shared lane's own permit")
                .isZero();
        assertThat(misses.reserve(1, Duration.ofSeconds(2)))
                .as("the reserved lane's spare permit")
                .isZero();
        assertThat(misses.reserve(1, Duration.ofSeconds(2)))
                .as("neither lane can serve within 2 s")
                .isEqualTo(-1);
        assertThat(priority.reserve(1, Duration.ofSeconds(3)))
                .as("the hot tier waits one refill of its lane, inside its budget")
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofMillis(2223).toNanos());
    }

    @Test
    void shouldPreferTheSharedLaneWhenItCanServeWithinTheDeadline() {
        shared.reserve(1, Duration.ZERO);
        long wait = misses.reserve(1, Duration.ofSeconds(4));
        assertThat(wait)
                .as("waits for the shared lane's refill rather than borrow")
                .isPositive();
        assertThat(priority.reserve(1, Duration.ZERO))
                .as("the reserved lane's permit is untouched")
                .isZero();
    }
}
