package io.pricewire.core.exchange;

import java.time.Duration;

/**
 * How one exchange is called.
 *
 * @param requestTimeout     the longest one HTTP call may take
 * @param breakerWindow      calls in the circuit breaker's sliding window
 * @param breakerFailureRate failure percentage over the window that opens the breaker
 * @param breakerOpenFor     how long an open breaker rejects calls before it lets trial calls through
 * @param defaultBackoff     wait after a 429/418 that carried no {@code Retry-After}
 * @param priorityShare      the part of the exchange's rate limit reserved for priority fetches (the hot tier and
 *                           callers waiting on an answer), so a long medium cycle can never starve them; 0 = one lane
 */
public record ExchangeClientSettings(Duration requestTimeout, int breakerWindow, float breakerFailureRate,
                                     Duration breakerOpenFor, Duration defaultBackoff, double priorityShare) {
    public static final ExchangeClientSettings DEFAULT =
            new ExchangeClientSettings(Duration.ofSeconds(2), 10, 50f, Duration.ofSeconds(15), Duration.ofSeconds(10), 0);

    public ExchangeClientSettings {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be > 0");
        }
        if (breakerWindow < 1 || breakerFailureRate <= 0 || breakerFailureRate > 100) {
            throw new IllegalArgumentException("invalid circuit breaker settings");
        }
        if (priorityShare < 0 || priorityShare >= 1) {
            throw new IllegalArgumentException("priorityShare must be in [0, 1): " + priorityShare);
        }
    }
}
