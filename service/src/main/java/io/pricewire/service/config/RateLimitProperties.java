package io.pricewire.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The public API's per-client rate limit ({@code pricewire.rate-limit.*}).
 *
 * @param enabled               off for benchmarks
 * @param requestsPerSecond     sustained requests per client
 * @param burst                 requests a client may make at once
 * @param trustForwardedFor     take the client IP from the last {@code X-Forwarded-For} hop (behind the ALB only)
 * @param maxClients            clients tracked at once; the idlest are forgotten beyond this
 */
@ConfigurationProperties("pricewire.rate-limit")
public record RateLimitProperties(boolean enabled, double requestsPerSecond, int burst, boolean trustForwardedFor, int maxClients) {
}
