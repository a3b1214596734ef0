package io.pricewire.service.nearcache;

import io.micronaut.core.annotation.Nullable;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.price.Price;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process copy of the latest prices, kept current by the Redis {@code prices} channel
 * ({@link PriceFeed}) so hot reads need no Redis round trip. Newer always wins, whatever order
 * updates arrive in. While the channel is down, updates from other instances may be missed: the
 * reader then trusts an entry only while it is younger than its tier's interval (see
 * {@link PriceReader}), and entries are refreshed from DynamoDB or this instance's own refreshes.
 *
 * <p>Each price is held ready to serve ({@link ReadyPrice}: asset and JSON with it), serialised
 * once here when it arrives rather than on the read path.
 */
@Singleton
public class NearCache {
    private final AssetUniverse universe;
    private final Map<String, ReadyPrice> prices = new ConcurrentHashMap<>();
    private volatile boolean live;

    NearCache(AssetUniverse universe) {
        this.universe = universe;
    }

    public Optional<Price> get(String symbol) {
        ReadyPrice ready = prices.get(symbol);
        return ready == null ? Optional.empty() : Optional.of(ready.price());
    }

    /** What is held for the (upper-case) {@code symbol}, or {@code null}. */
    @Nullable
    public ReadyPrice ready(String symbol) {
        return prices.get(symbol);
    }

    /** Keeps {@code price} unless a newer one is held. */
    public void offer(Price price) {
        ReadyPrice held = prices.get(price.symbol());
        if (held != null && !price.isNewerThan(held.price())) {
            return; // the common case for a price this instance wrote and then heard back on the channel
        }
        ReadyPrice fresh = PriceJson.prepare(universe.find(price.symbol()).orElse(null), price);
        prices.merge(price.symbol(), fresh, (old, mine) -> mine.price().isNewerThan(old.price()) ? mine : old);
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
