package io.pricewire.core.cache;

import io.pricewire.core.price.Price;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The shared cache of latest prices (Redis in production, its keys and channel in
 * {@link RedisKeys}) and the channel every new aggregate is published on. Non-blocking: every call
 * returns a stage that fails when the cache is unreachable.
 */
public interface PriceCache {

    CompletionStage<Optional<Price>> get(String symbol);

    /** The cached prices of {@code symbols}; misses are left out. */
    CompletionStage<Map<String, Price>> getAll(Collection<String> symbols);

    /**
     * Caches {@code price} for {@code ttl} unless a newer one is cached, and when it was written
     * publishes it on {@link RedisKeys#PRICE_CHANNEL}. Completes with whether it was written.
     */
    CompletionStage<Boolean> putIfNewer(Price price, Duration ttl);
}
