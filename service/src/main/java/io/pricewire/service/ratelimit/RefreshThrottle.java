package io.pricewire.service.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.pricewire.service.config.RateLimitProperties;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The allowance of {@code POST /v1/prices/{symbol}/refresh} per API key: each call reaches the
 * exchanges, so a key (even a leaked one) gets {@code refresh-per-key} calls per period, and
 * {@code refresh-per-symbol} of them for any one symbol. Keys are fingerprints, never the key.
 */
@Singleton
public final class RefreshThrottle {
    private static final int MAX_TRACKED = 10_000;
    private final boolean enabled;
    private final Bandwidth perKey;
    private final Bandwidth perSymbol;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    @Inject
    RefreshThrottle(RateLimitProperties props) {
        this(props, System::nanoTime);
    }

    RefreshThrottle(RateLimitProperties props, LongSupplier nanoTime) {
        this.enabled = props.enabled();
        Duration period = props.refreshPeriod();
        this.perKey = Bandwidth.builder()
                .capacity(props.refreshPerKey())
                .refillGreedy(props.refreshPerKey(), period)
                .build();
        this.perSymbol = Bandwidth.builder()
                .capacity(props.refreshPerSymbol())
                .refillGreedy(props.refreshPerSymbol(), period)
                .build();
        this.time = BucketClock.meter(nanoTime);
        // an idle bucket is full again after one period, so forgetting it then costs nothing
        this.buckets = BucketClock.cache(MAX_TRACKED, period, nanoTime);
    }

    /**
     * Takes one refresh of {@code symbol} from the key's allowance.
     *
     * @param key the key's fingerprint
     * @return 0 when the refresh may go ahead, else the nanoseconds until it could
     */
    public long take(String key, String symbol) {
        if (!enabled) {
            return 0;
        }
        Bucket forSymbol = buckets.get(key + '/' + symbol, k -> bucket(perSymbol));
        ConsumptionProbe symbolProbe = forSymbol.tryConsumeAndReturnRemaining(1);
        if (!symbolProbe.isConsumed()) {
            return Math.max(1, symbolProbe.getNanosToWaitForRefill());
        }
        ConsumptionProbe keyProbe = buckets.get(key, k -> bucket(perKey)).tryConsumeAndReturnRemaining(1);
        if (!keyProbe.isConsumed()) {
            forSymbol.addTokens(1); // not spent: the call is refused
            return Math.max(1, keyProbe.getNanosToWaitForRefill());
        }
        return 0;
    }

    private Bucket bucket(Bandwidth limit) {
        return Bucket.builder().addLimit(limit).withCustomTimePrecision(time).build();
    }
}
