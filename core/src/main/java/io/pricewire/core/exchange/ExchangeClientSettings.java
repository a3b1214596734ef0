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
 * @param limitShare         the part of the exchange's published per-IP limit this process uses at all (1 = all of
 *                           it); less when another process calls from the same address (the cold Lambda and the
 *                           service share a NAT gateway's IP, and exchange-sim's loopback locally)
 */
public record ExchangeClientSettings(Duration requestTimeout, int breakerWindow, float breakerFailureRate,
                                     Duration breakerOpenFor, Duration defaultBackoff, double priorityShare,
                                     double limitShare) {
    public static final ExchangeClientSettings DEFAULT =
            new ExchangeClientSettings(Duration.ofSeconds(2), 10, 50f, Duration.ofSeconds(15), Duration.ofSeconds(10), 0, 1);

    /** These settings with {@code requestTimeout} and {@code limitShare} replaced. */
    public ExchangeClientSettings with(Duration newRequestTimeout, double newLimitShare) {
        return new ExchangeClientSettings(newRequestTimeout, breakerWindow, breakerFailureRate, breakerOpenFor, defaultBackoff,
                priorityShare, newLimitShare);
    }

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
        if (!(limitShare > 0) || limitShare > 1) {
            throw new IllegalArgumentException("limitShare must be in (0, 1]: " + limitShare);
        }
    }
}
