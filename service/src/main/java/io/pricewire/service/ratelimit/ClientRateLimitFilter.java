package io.pricewire.service.ratelimit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.pricewire.service.config.RateLimitProperties;
import io.pricewire.service.errors.ApiErrors;
import io.pricewire.service.prices.ApiKeyCheck;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-client rate limit on the public API: a token bucket per client — the API key when it is a
 * valid one (so a forged key cannot mint fresh buckets), else the client IP. Over the limit:
 * 429 {@code rate_limited} with {@code Retry-After}. Management endpoints are not limited.
 */
@ServerFilter("/v1/**")
final class ClientRateLimitFilter {
    private final RateLimitProperties props;
    private final ApiKeyCheck apiKey;
    private final LongSupplier nanoTime = System::nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ClientRateLimitFilter(RateLimitProperties props, ApiKeyCheck apiKey) {
        this.props = props;
        this.apiKey = apiKey;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        if (!props.enabled()) {
            return null;
        }
        String client = clientOf(request);
        if (buckets.size() >= props.maxClients() && !buckets.containsKey(client)) {
            evictIdle();
        }
        long now = nanoTime.getAsLong();
        long waitNanos = buckets.computeIfAbsent(client, c -> new Bucket(props.burst(), now)).take(props, now);
        if (waitNanos == 0) {
            return null;
        }
        long retryAfter = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return ApiErrors.response(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                "Too many requests from this client; retry after " + retryAfter + " s.", null)
                .header("Retry-After", Long.toString(retryAfter));
    }

    private String clientOf(HttpRequest<?> request) {
        String key = request.getHeaders().get("X-Api-Key");
        if (key != null && apiKey.isValid(key)) {
            return "key";
        }
        if (props.trustForwardedFor()) {
            String forwarded = request.getHeaders().get("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                return "ip:" + hops[hops.length - 1].trim();
            }
        }
        return "ip:" + request.getRemoteAddress().getAddress().getHostAddress();
    }

    private void evictIdle() {
        long now = nanoTime.getAsLong();
        long idle = (long) (props.burst() / props.requestsPerSecond() * 1e9);
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (now - it.next().updatedAt > idle) {
                it.remove();
            }
        }
        if (buckets.size() >= props.maxClients()) {
            buckets.clear(); // every client is active: forgetting all is fairer than refusing newcomers
        }
    }

    /** Tokens refill at requestsPerSecond up to burst. */
    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.updatedAt = now;
        }

        synchronized long take(RateLimitProperties props, long now) {
            tokens = Math.min(props.burst(), tokens + (now - updatedAt) / 1e9 * props.requestsPerSecond());
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / props.requestsPerSecond() * 1e9);
        }
    }
}
