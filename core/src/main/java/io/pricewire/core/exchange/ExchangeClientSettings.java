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
 */
public record ExchangeClientSettings(Duration requestTimeout, int breakerWindow, float breakerFailureRate,
                                     Duration breakerOpenFor, Duration defaultBackoff) {
    public static final ExchangeClientSettings DEFAULT =
            new ExchangeClientSettings(Duration.ofSeconds(2), 10, 50f, Duration.ofSeconds(15), Duration.ofSeconds(10));

    public ExchangeClientSettings {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be > 0");
        }
        if (breakerWindow < 1 || breakerFailureRate <= 0 || breakerFailureRate > 100) {
            throw new IllegalArgumentException("invalid circuit breaker settings");
        }
    }
}
