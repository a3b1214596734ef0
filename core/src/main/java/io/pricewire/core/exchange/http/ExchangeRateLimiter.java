package io.pricewire.core.exchange.http;

import io.pricewire.core.exchange.ExchangeAdapter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket at an exchange's public limit, shared by every caller in the process. Unlike a
 * fixed-window limiter it never lets a burst at a window edge double the rate the exchange sees,
 * and a caller that cannot be served within its own deadline is turned away without taking a
 * permit — so one tier's short budget cannot push another tier's calls further into the future.
 */
public final class ExchangeRateLimiter implements RateBudget {
    private final double permitsPerNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long updatedAt;

    /**
     * A bucket holding {@code share} of the exchange's limit (lanes of one exchange add up to its
     * limit). Bursts: what the exchange allows in two seconds, never more than its whole allowance.
     */
    public ExchangeRateLimiter(ExchangeAdapter.RateLimit limit, double share, LongSupplier nanoTime) {
        if (share <= 0 || share > 1) {
            throw new IllegalArgumentException("share must be in (0, 1]: " + share);
        }
        this.permitsPerNano = share * limit.permits() / limit.period().toNanos();
        double twoSeconds = Math.min(
                1.0, (double) Duration.ofSeconds(2).toNanos() / limit.period().toNanos());
        this.capacity = Math.max(1, limit.permits() * twoSeconds * share);
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.updatedAt = nanoTime.getAsLong();
    }

    public ExchangeRateLimiter(ExchangeAdapter.RateLimit limit, LongSupplier nanoTime) {
        this(limit, 1.0, nanoTime);
    }

    public ExchangeRateLimiter(ExchangeAdapter.RateLimit limit, double share) {
        this(limit, share, System::nanoTime);
    }

    /**
     * Reserves {@code permits} if they can be had within {@code maxWait}: returns how long the
     * caller must wait before calling (0 = now), or -1 when they cannot (nothing is taken then).
     */
    @Override
    public synchronized long reserve(int permits, Duration maxWait) {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - updatedAt) * permitsPerNano);
        updatedAt = now;
        double missing = permits - tokens;
        long waitNanos = missing <= 0 ? 0 : (long) Math.ceil(missing / permitsPerNano);
        if (waitNanos > maxWait.toNanos()) {
            return -1;
        }
        tokens -= permits;
        return waitNanos;
    }
}
