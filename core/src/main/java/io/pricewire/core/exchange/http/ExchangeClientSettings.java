package io.pricewire.core.exchange.http;

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
 * @param maxBodyBytes       the largest answer body read; a bigger one is a {@code malformed} answer, not a heap
 *                           filled by a broken or hostile endpoint (whole-market answers are a few MB)
 * @param unlistedRecheck    how long a pair the exchange called unknown is left out before it is asked for again
 *                           (a relisting, or a listing that was only briefly missing, is noticed within this time)
 * @param rateLimitScale     what the exchanges' published limits are multiplied by: 1 against the real exchanges; a
 *                           test rig whose exchange-sim enforces limits raised by the same factor sets more, so a
 *                           warm-up that takes Coinbase 20 s at its real 10 calls/s takes 2 s (every test class on
 *                           a fresh table pays one)
 */
public record ExchangeClientSettings(
        Duration requestTimeout,
        int breakerWindow,
        float breakerFailureRate,
        Duration breakerOpenFor,
        Duration defaultBackoff,
        double priorityShare,
        double limitShare,
        long maxBodyBytes,
        Duration unlistedRecheck,
        double rateLimitScale) {
    /**
     * The part of every exchange's per-IP limit the service takes ({@code limitShare}); the cold refresh Lambda takes
     * {@link #COLD_REFRESH_LIMIT_SHARE}. Both call from one address — the NAT gateway's in AWS (the tier cycles run on
     * one instance, the lease holder's), loopback locally — so the two add up to 1: a run taking more made Coinbase
     * answer 429 to both, and its Coinbase-only assets failed. The tiers ask Coinbase for 16 hot products every 5 s
     * (within a 3 s budget: the hot lane needs 4.5 calls/s) and 103 medium every 30 s, the scarcest first; the
     * Lambda's ~80 Coinbase calls at 2.5/s take about 33 s of its 5 minutes.
     */
    public static final double SERVICE_LIMIT_SHARE = 0.75;
    /** The cold refresh Lambda's part of every exchange's per-IP limit: the rest of {@link #SERVICE_LIMIT_SHARE}. */
    public static final double COLD_REFRESH_LIMIT_SHARE = 0.25;

    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;
    public static final Duration DEFAULT_UNLISTED_RECHECK = Duration.ofHours(1);
    /**
     * The part of the service's share of every exchange's limit kept for the hot tier and waiting callers
     * ({@code priorityShare}): 0.6 of 0.75 is Coinbase's 4.5 calls/s, what 16 hot products in a 3 s budget need.
     */
    public static final double SERVICE_PRIORITY_SHARE = 0.6;

    public static final ExchangeClientSettings DEFAULT = new ExchangeClientSettings(
            Duration.ofSeconds(2), 10, 50f, Duration.ofSeconds(15), Duration.ofSeconds(10), 0, 1);
    /**
     * The cold refresh Lambda's: a longer call timeout than the service's — a cold batch asks Binance, Kraken and OKX
     * for their whole markets (MBs at 10,000 assets), and a run has minutes, not a tier's seconds — and only what the
     * service leaves of each exchange's per-IP limit.
     */
    public static final ExchangeClientSettings COLD_REFRESH =
            DEFAULT.with(Duration.ofSeconds(10), COLD_REFRESH_LIMIT_SHARE);

    /**
     * The service's: its share of each exchange's limit ({@link #SERVICE_LIMIT_SHARE}, the cold Lambda has the rest),
     * {@link #SERVICE_PRIORITY_SHARE} of it reserved for priority fetches.
     */
    public static ExchangeClientSettings forService(Duration requestTimeout, Duration breakerOpenFor) {
        return new ExchangeClientSettings(
                requestTimeout,
                DEFAULT.breakerWindow(),
                DEFAULT.breakerFailureRate(),
                breakerOpenFor,
                DEFAULT.defaultBackoff(),
                SERVICE_PRIORITY_SHARE,
                SERVICE_LIMIT_SHARE);
    }

    /** Settings with the default body cap and unlisted re-check. */
    public ExchangeClientSettings(
            Duration requestTimeout,
            int breakerWindow,
            float breakerFailureRate,
            Duration breakerOpenFor,
            Duration defaultBackoff,
            double priorityShare,
            double limitShare) {
        this(
                requestTimeout,
                breakerWindow,
                breakerFailureRate,
                breakerOpenFor,
                defaultBackoff,
                priorityShare,
                limitShare,
                DEFAULT_MAX_BODY_BYTES,
                DEFAULT_UNLISTED_RECHECK,
                1);
    }

    /** These settings with {@code requestTimeout} and {@code limitShare} replaced. */
    public ExchangeClientSettings with(Duration newRequestTimeout, double newLimitShare) {
        return new ExchangeClientSettings(
                newRequestTimeout,
                breakerWindow,
                breakerFailureRate,
                breakerOpenFor,
                defaultBackoff,
                priorityShare,
                newLimitShare,
                maxBodyBytes,
                unlistedRecheck,
                rateLimitScale);
    }

    /** These settings with {@code maxBodyBytes} replaced. */
    public ExchangeClientSettings withMaxBodyBytes(long newMaxBodyBytes) {
        return new ExchangeClientSettings(
                requestTimeout,
                breakerWindow,
                breakerFailureRate,
                breakerOpenFor,
                defaultBackoff,
                priorityShare,
                limitShare,
                newMaxBodyBytes,
                unlistedRecheck,
                rateLimitScale);
    }

    /** These settings with {@code unlistedRecheck} replaced. */
    public ExchangeClientSettings withUnlistedRecheck(Duration newUnlistedRecheck) {
        return new ExchangeClientSettings(
                requestTimeout,
                breakerWindow,
                breakerFailureRate,
                breakerOpenFor,
                defaultBackoff,
                priorityShare,
                limitShare,
                maxBodyBytes,
                newUnlistedRecheck,
                rateLimitScale);
    }

    /** These settings with {@code rateLimitScale} replaced. */
    public ExchangeClientSettings withRateLimitScale(double newRateLimitScale) {
        return new ExchangeClientSettings(
                requestTimeout,
                breakerWindow,
                breakerFailureRate,
                breakerOpenFor,
                defaultBackoff,
                priorityShare,
                limitShare,
                maxBodyBytes,
                unlistedRecheck,
                newRateLimitScale);
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
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1: " + maxBodyBytes);
        }
        if (unlistedRecheck.isNegative() || unlistedRecheck.isZero()) {
            throw new IllegalArgumentException("unlistedRecheck must be > 0");
        }
        if (!(rateLimitScale > 0)) {
            throw new IllegalArgumentException("rateLimitScale must be > 0: " + rateLimitScale);
        }
    }
}
