package io.pricewire.service.ratelimit;

import io.micronaut.core.annotation.Nullable;
import io.pricewire.service.config.RateLimitProperties;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The public API's per-client token buckets — one per client ({@link ClientIdentity}). Shared by the Micronaut
 * filter ({@link ClientRateLimitFilter}) and the Netty fast path, so a client has one budget
 * whichever of the two answers it.
 */
@Singleton
public final class ClientRateLimiter {
    private final RateLimitProperties props;
    private final ClientIdentity clients;
    private final LongSupplier nanoTime = System::nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ClientRateLimiter(RateLimitProperties props, ClientIdentity clients) {
        this.props = props;
        this.clients = clients;
    }

    public boolean enabled() {
        return props.enabled();
    }

    /**
     * Takes one request from the client's bucket.
     *
     * @return 0 when the request may go ahead, else the nanoseconds until it could
     */
    public long take(@Nullable String apiKeyHeader, @Nullable String forwardedFor, InetAddress remote) {
        return props.enabled() ? take(clients.of(apiKeyHeader, forwardedFor, remote)) : 0;
    }

    /**
     * Takes one request from the bucket of {@code client} ({@link ClientIdentity}).
     *
     * @return 0 when the request may go ahead, else the nanoseconds until it could
     */
    public long take(String client) {
        if (!props.enabled()) {
            return 0;
        }
        if (buckets.size() >= props.maxClients() && !buckets.containsKey(client)) {
            evictIdle();
        }
        long now = nanoTime.getAsLong();
        return buckets.computeIfAbsent(client, c -> new Bucket(props.burst(), now)).take(props, now);
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
