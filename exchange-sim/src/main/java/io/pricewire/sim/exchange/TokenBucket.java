package io.pricewire.sim.exchange;

/** Coinbase's public limit: a bucket of {@code capacity} tokens refilled at {@code perSecond}. */
final class TokenBucket {
    private final double capacity;
    private final double perMs;
    private double tokens;
    private long lastMs = Long.MIN_VALUE;

    TokenBucket(int capacity, double perSecond) {
        this.capacity = capacity;
        this.perMs = perSecond / 1000.0;
        this.tokens = capacity;
    }

    synchronized boolean tryAcquire(long nowMs) {
        if (lastMs != Long.MIN_VALUE && nowMs > lastMs) {
            tokens = Math.min(capacity, tokens + (nowMs - lastMs) * perMs);
        }
        lastMs = Math.max(lastMs, nowMs);
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }
}
