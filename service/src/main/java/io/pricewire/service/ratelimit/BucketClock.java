package io.pricewire.service.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The one nanosecond clock that drives a limiter's buckets and the expiry of the cache holding them, so that a test
 * moving a fake clock moves both.
 */
final class BucketClock {

    private BucketClock() {}

    /** {@code nanoTime} as Bucket4j's clock; not wall-clock based, so Bucket4j never compares it across machines. */
    static TimeMeter meter(LongSupplier nanoTime) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoTime.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }

    /**
     * A cache of at most {@code maxSize} buckets that forgets one unused for {@code idle}: a bucket idle that long is
     * full again, so forgetting it costs its owner nothing. Upkeep runs on the calling thread ({@link
     * ClientRateLimiter} says why).
     */
    static Cache<String, Bucket> cache(long maxSize, Duration idle, LongSupplier nanoTime) {
        return Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfterAccess(idle)
                .executor(Runnable::run)
                .ticker(nanoTime::getAsLong)
                .build();
    }
}
