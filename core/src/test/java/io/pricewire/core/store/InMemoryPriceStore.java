package io.pricewire.core.store;

import io.pricewire.core.price.Price;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@link PriceStore} in memory for unit tests: newer-wins like the table, can be made to fail or to hold writes. */
public final class InMemoryPriceStore implements PriceStore {
    private final Map<String, Price> prices = new ConcurrentHashMap<>();
    private final List<Price> puts = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public boolean putIfNewer(Price price) {
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new StoreException("held write timed out", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted", e);
        }
        puts.add(price);
        if (down) {
            throw new StoreException("store down", null);
        }
        boolean[] written = {false};
        prices.compute(price.symbol(), (s, stored) -> {
            if (stored == null || price.isNewerThan(stored)) {
                written[0] = true;
                return price;
            }
            return stored;
        });
        return written[0];
    }

    @Override
    public Optional<Price> get(String symbol) {
        if (down) {
            throw new StoreException("store down", null);
        }
        return Optional.ofNullable(prices.get(symbol));
    }

    @Override
    public Map<String, Price> getAll(Collection<String> symbols) {
        Map<String, Price> found = new HashMap<>();
        symbols.forEach(s -> get(s).ifPresent(p -> found.put(s, p)));
        return found;
    }

    @Override
    public Map<String, Price> scanAll() {
        if (down) {
            throw new StoreException("store down", null);
        }
        return Map.copyOf(prices);
    }

    /** Every write attempted, in order, failed ones included. */
    public List<Price> puts() {
        return List.copyOf(puts);
    }

    public Optional<Price> stored(String symbol) {
        return Optional.ofNullable(prices.get(symbol));
    }

    public void down(boolean isDown) {
        this.down = isDown;
    }

    /** Holds every write until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        gate.countDown();
    }
}
