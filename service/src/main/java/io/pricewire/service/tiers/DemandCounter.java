package io.pricewire.service.tiers;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * This instance's demand since the last drain: one point per asset per client per window, so
 * demand measures how many clients want an asset, not how often one of them asks — one client,
 * with single GETs or a 100-symbol batch, cannot promote anything by itself. The (client, asset)
 * pairs live in a bounded Caffeine cache that forgets each after the window; upkeep runs on the
 * caller's thread (a Netty event loop too), amortised constant work per call.
 */
final class DemandCounter {
    private final Cache<ClientAsset, Boolean> counted;
    private final Map<String, LongAdder> points = new ConcurrentHashMap<>();

    DemandCounter(Duration window, int maxPairs, LongSupplier nanoTime) {
        this.counted = Caffeine.newBuilder()
                .maximumSize(maxPairs)
                .expireAfterWrite(window)
                .executor(Runnable::run)
                .ticker(nanoTime::getAsLong)
                .build();
    }

    /** Counts {@code symbol} once per window for {@code client}. */
    void record(String client, String symbol) {
        if (counted.asMap().putIfAbsent(new ClientAsset(client, symbol), Boolean.TRUE) == null) {
            points.computeIfAbsent(symbol, s -> new LongAdder()).increment();
        }
    }

    /** The points counted since the last drain, by symbol; the counts start again at zero. */
    Map<String, Long> drain() {
        Map<String, Long> out = new HashMap<>();
        for (Map.Entry<String, LongAdder> e : points.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n > 0) {
                out.put(e.getKey(), n);
            }
        }
        return out;
    }

    private record ClientAsset(String client, String symbol) {}
}
