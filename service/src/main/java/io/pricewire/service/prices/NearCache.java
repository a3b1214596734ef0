package io.pricewire.service.prices;

import io.pricewire.core.price.Price;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process copy of the latest prices, kept current by the Redis {@code prices} channel
 * ({@link PriceFeed}) so hot reads need no Redis round trip. Newer always wins, whatever order
 * updates arrive in. While the channel is down, updates from other instances may be missed: the
 * reader then trusts an entry only while it is younger than its tier's interval (see
 * {@link PriceReader}), and entries are refreshed from DynamoDB or this instance's own refreshes.
 */
@Singleton
public class NearCache {
    private final Map<String, Price> prices = new ConcurrentHashMap<>();
    private volatile boolean live;

    public Optional<Price> get(String symbol) {
        return Optional.ofNullable(prices.get(symbol));
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

    /** The feed dropped: entries may miss updates from now on until it is back. */
    void feedDown() {
        live = false;
    }

    public boolean isLive() {
        return live;
    }
}
