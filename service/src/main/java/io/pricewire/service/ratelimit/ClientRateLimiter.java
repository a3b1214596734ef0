package io.pricewire.service.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketListener;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.MathType;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LockFreeBucket;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pricewire.service.config.RateLimitProperties;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The public API's per-client token buckets (Bucket4j), one per client ({@link ClientIdentity}),
 * in a bounded Caffeine cache. Shared by the Micronaut filter ({@link ClientRateLimitFilter}) and
 * the Netty fast path, so a client has one budget whichever of the two answers it.
 *
 * <p>The cache holds at most {@code max-clients} buckets. A bucket idle for as long as it takes
 * to refill completely expires: it would be full again, so forgetting it costs the client
 * nothing. Beyond the size bound W-TinyLFU decides, and a flood of one-request clients loses to
 * the clients seen often (abusers included), so a flood cannot reset an abuser's bucket.
 *
 * <p>Caffeine's upkeep (buffer drains, eviction, expiry) runs on the calling thread, often a
 * Netty event loop: each step is amortised constant work on bounded buffers, never a scan, and
 * running it in place keeps the size bound exact and needs no hand-off per request. The default,
 * the common ForkJoin pool, has one worker on a 2-vCPU instance and is shared with every
 * {@code CompletableFuture} default; behind it, eviction could lag a flood.
 */
@Singleton
public final class ClientRateLimiter {
    private final boolean enabled;
    /** One configuration for every bucket: the builder would make one per client. */
    private final BucketConfiguration configuration;

    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    @Inject
    ClientRateLimiter(RateLimitProperties props, MeterRegistry registry) {
        this(props, registry, System::nanoTime);
    }

    /** {@code nanoTime} drives both the buckets and the cache's expiry (tests pass a fake one). */
    ClientRateLimiter(RateLimitProperties props, MeterRegistry registry, LongSupplier nanoTime) {
        this.enabled = props.enabled();
        this.time = BucketClock.meter(nanoTime);
        Duration refill = refillTime(props);
        this.configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(props.burst())
                        .refillGreedy(props.burst(), refill)
                        .build())
                .build();
        this.buckets = BucketClock.cache(props.maxClients(), refill, nanoTime);
        Gauge.builder("pricewire.ratelimit.clients", buckets, Cache::estimatedSize)
                .description("clients whose rate-limit bucket is tracked (bounded by pricewire.rate-limit.max-clients)")
                .register(registry);
    }

    /** How long an empty bucket takes to fill: {@code burst} tokens at {@code requestsPerSecond}. */
    static Duration refillTime(RateLimitProperties props) {
        return Duration.ofNanos(Math.max(1, Math.round(props.burst() / props.requestsPerSecond() * 1e9)));
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Takes one request from the bucket of {@code client} ({@link ClientIdentity}).
     *
     * @return 0 when the request may go ahead, else the nanoseconds until it could
     */
    public long take(String client) {
        if (!enabled) {
            return 0;
        }
        ConsumptionProbe probe = buckets.get(client, c -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    private Bucket newBucket() {
        return new LockFreeBucket(configuration, MathType.INTEGER_64_BITS, time, BucketListener.NOPE);
    }

    /** Clients tracked now, after pending upkeep. */
    long trackedClients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    /** Whether {@code client} has a bucket, without counting as an access (which would renew it). */
    boolean tracks(String client) {
        return buckets.policy().getIfPresentQuietly(client) != null;
    }
}
