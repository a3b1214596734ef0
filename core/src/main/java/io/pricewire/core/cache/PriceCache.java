package io.pricewire.core.cache;

import io.pricewire.core.price.Price;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The shared cache of latest prices (Redis in production) and the {@code prices} channel every
 * new aggregate is published on. Non-blocking: every call returns a stage that fails when the
 * cache is unreachable.
 */
public interface PriceCache {
    String CHANNEL = "prices";

    CompletionStage<Optional<Price>> get(String symbol);

    /** The cached prices of {@code symbols}; misses are left out. */
    CompletionStage<Map<String, Price>> getAll(Collection<String> symbols);

    /**
     * Caches {@code price} for {@code ttl} unless a newer one is cached, and when it was written
     * publishes it on {@link #CHANNEL}. Completes with whether it was written.
     */
    CompletionStage<Boolean> putIfNewer(Price price, Duration ttl);

    static String key(String symbol) {
        return "price:" + symbol;
    }
}
