package io.pricewire.service.prices;

import io.pricewire.core.price.Price;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process copy of the latest prices, kept current by the Redis {@code prices} channel
 * ({@link PriceFeed}) so hot reads need no Redis round trip. It only answers while the channel
 * subscription is live: a price missed while disconnected could otherwise be served for ever.
 * Newer always wins, whatever order updates arrive in.
 */
@Singleton
public class NearCache {
    private final Map<String, Price> prices = new ConcurrentHashMap<>();
    private volatile boolean live;

    public Optional<Price> get(String symbol) {
        return live ? Optional.ofNullable(prices.get(symbol)) : Optional.empty();
    }

    /** Keeps {@code price} unless a newer one is held. */
    public void offer(Price price) {
        prices.merge(price.symbol(), price, (old, fresh) -> fresh.isNewerThan(old) ? fresh : old);
    }

    /** Every price held, whether or not the feed is live (for freshness metrics). */
    public Collection<Price> all() {
        return prices.values();
    }

    void feedUp() {
        live = true;
    }

    /** The feed dropped: stop answering until it is back, and forget what may have gone stale meanwhile. */
    void feedDown() {
        live = false;
        prices.clear();
    }

    public boolean isLive() {
        return live;
    }
}
