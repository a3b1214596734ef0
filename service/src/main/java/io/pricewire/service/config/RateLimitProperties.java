package io.pricewire.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The public API's per-client rate limit, and the refresh throttle per API key
 * ({@code pricewire.rate-limit.*}; {@code enabled} switches both).
 *
 * @param enabled             off for benchmarks
 * @param requestsPerSecond   sustained requests per client
 * @param burst               requests a client may make at once
 * @param forwardedForHops    trusted proxies in front of the service, each appending to {@code X-Forwarded-For}:
 *                            0 ignores the header, 1 behind one ALB, 2 behind CloudFront and an ALB
 * @param maxClients          clients tracked at once; the idlest are forgotten beyond this
 * @param refreshPerKey       {@code POST …/refresh} calls one API key may make per {@code refreshPeriod}
 * @param refreshPerSymbol    of those, calls for one symbol
 * @param refreshPeriod       the period of both refresh allowances
 */
@ConfigurationProperties("pricewire.rate-limit")
public record RateLimitProperties(
        boolean enabled,
        double requestsPerSecond,
        int burst,
        int forwardedForHops,
        int maxClients,
        int refreshPerKey,
        int refreshPerSymbol,
        Duration refreshPeriod) {}
