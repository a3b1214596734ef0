package io.pricewire.core.exchange.http;

import java.time.Duration;

/** Where an exchange call takes its permits from: one lane ({@link ExchangeRateLimiter}) or a rule over two ({@link Lane}). */
@FunctionalInterface
interface RateBudget {
    /**
     * Reserves {@code permits} if they can be had within {@code maxWait}: returns how long the
     * caller must wait before calling (0 = now), or -1 when they cannot (nothing is taken then).
     */
    long reserve(int permits, Duration maxWait);

    /** {@code first} within {@code maxWait}; failing that, a permit {@code spare} has right now, never one it must wait for. */
    static RateBudget firstOrSpare(RateBudget first, RateBudget spare) {
        return (permits, maxWait) -> {
            long wait = first.reserve(permits, maxWait);
            return wait >= 0 ? wait : spare.reserve(permits, Duration.ZERO);
        };
    }
}
