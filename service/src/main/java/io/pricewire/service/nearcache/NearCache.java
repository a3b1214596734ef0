package io.pricewire.service.nearcache;

import io.micronaut.core.annotation.Nullable;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.WirePrice;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-process copy of the latest prices, kept current by the Redis {@code prices} channel
 * ({@link PriceFeed}) so hot reads need no Redis round trip. Newer always wins, whatever order
 * updates arrive in. While the channel is down, updates from other instances may be missed: the
 * reader then trusts an entry only while it is younger than its tier's interval (see
 * {@link PriceReader}), and entries are refreshed from DynamoDB or this instance's own refreshes.
 *
 * <p>Each price is held ready to serve ({@link ReadyPrice}: the asset with the price's bytes) as it came
 * from the channel: no message is decoded or written again here. The {@link Price} object is decoded from
 * the bytes only when a reader needs it (the controller's paths), once per price.
 */
@Singleton
public class NearCache {
    private final AssetUniverse universe;
    private final Map<String, ReadyPrice> prices = new ConcurrentHashMap<>();
    private final List<Consumer<ReadyPrice>> listeners = new CopyOnWriteArrayList<>();
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

    /** Keeps {@code price} unless one as new is held; written in its wire form once, here. */
    public void offer(Price price) {
        if (isNewer(price.symbol(), price.timestamp().toEpochMilli())) {
            keep(WirePrice.of(price));
        }
    }

    /** Keeps {@code wire}, as it is, unless one as new is held. */
    public void offer(WirePrice wire) {
        if (isNewer(wire.symbol(), wire.millis())) {
            keep(wire);
        }
    }

    private boolean isNewer(String symbol, long millis) {
        ReadyPrice held = prices.get(symbol);
        return held == null
                || millis > held.millis(); // false in the common case: a price this instance wrote, heard back
    }

    private void keep(WirePrice wire) {
        ReadyPrice fresh = new ReadyPrice(universe.find(wire.symbol()).orElse(null), wire);
        if (prices.merge(wire.symbol(), fresh, (old, mine) -> mine.millis() > old.millis() ? mine : old) == fresh) {
            for (Consumer<ReadyPrice> listener : listeners) {
                listener.accept(fresh);
            }
        }
    }

    /**
     * Calls {@code listener} with every price this cache takes from now on (each new aggregate once, whichever
     * instance or the Lambda published it), on the thread that offered it: a listener must return at once.
     */
    public void listen(Consumer<ReadyPrice> listener) {
        listeners.add(listener);
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
