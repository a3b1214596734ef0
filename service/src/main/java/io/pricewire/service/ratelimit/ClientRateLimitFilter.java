package io.pricewire.service.ratelimit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.pricewire.service.errors.ApiErrors;

/**
 * Per-client rate limit on the public API ({@link ClientRateLimiter}). Over the limit: 429
 * {@code rate_limited} with {@code Retry-After}. Management endpoints are not limited.
 */
@ServerFilter("/v1/**")
final class ClientRateLimitFilter {
    private final ClientRateLimiter limiter;
    private final ClientIdentity clients;

    ClientRateLimitFilter(ClientRateLimiter limiter, ClientIdentity clients) {
        this.limiter = limiter;
        this.clients = clients;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        if (!limiter.enabled()) {
            return null;
        }
        long waitNanos = limiter.take(clients.of(request));
        if (waitNanos == 0) {
            return null;
        }
        long retryAfter = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return ApiErrors.response(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                "Too many requests from this client; retry after " + retryAfter + " s.", null)
                .header("Retry-After", Long.toString(retryAfter));
    }
}
