package io.pricewire.service.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.pricewire.service.errors.ApiErrors;
import io.pricewire.service.errors.CoinGeckoErrors;

/**
 * Per-client rate limit on the public API ({@link ClientRateLimiter}), {@code /v1} and the
 * CoinGecko-compatible {@code /api/v3} sharing one budget per client. Over the limit: 429 with
 * {@code Retry-After}, {@code rate_limited} on {@code /v1} and CoinGecko's own body on {@code /api/v3}
 * (its clients parse it). Management endpoints are not limited.
 */
@ServerFilter({"/v1/**", "/api/v3/**"})
final class ClientRateLimitFilter {
    private final ClientRateLimiter limiter;
    private final ClientIdentity clients;
    private final Counter limited;

    ClientRateLimitFilter(ClientRateLimiter limiter, ClientIdentity clients, MeterRegistry registry) {
        this.limiter = limiter;
        this.clients = clients;
        // counted here, where the 429 is sent: the fast path hands a refused request over and the filter refuses it
        // again
        this.limited = Counter.builder("pricewire.ratelimit.limited")
                .description("public API requests answered 429 by the per-client rate limit")
                .register(registry);
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
        limited.increment();
        return request.getPath().startsWith(CoinGeckoErrors.PREFIX)
                ? CoinGeckoErrors.rateLimited(waitNanos)
                : ApiErrors.rateLimited("requests from this client", waitNanos);
    }
}
