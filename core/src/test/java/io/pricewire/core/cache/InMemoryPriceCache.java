package io.pricewire.core.cache;

import io.pricewire.core.price.Price;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link PriceCache} in memory for unit tests: newer-wins like the Lua script, records what it published. */
public final class InMemoryPriceCache implements PriceCache {
    private final Map<String, Price> prices = new ConcurrentHashMap<>();
    private final List<Price> published = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    @Override
    public CompletionStage<Optional<Price>> get(String symbol) {
        return down ? unreachable() : CompletableFuture.completedFuture(Optional.ofNullable(prices.get(symbol)));
    }

    @Override
    public CompletionStage<Map<String, Price>> getAll(Collection<String> symbols) {
        if (down) {
            return unreachable();
        }
        Map<String, Price> found = new HashMap<>();
        symbols.forEach(s -> Optional.ofNullable(prices.get(s)).ifPresent(p -> found.put(s, p)));
        return CompletableFuture.completedFuture(found);
    }

    @Override
    public CompletionStage<Boolean> putIfNewer(Price price, Duration ttl) {
        if (down) {
            return unreachable();
        }
        boolean[] written = {false};
        prices.compute(price.symbol(), (s, cached) -> {
            if (cached == null || price.isNewerThan(cached)) {
                written[0] = true;
                return price;
            }
            return cached;
        });
        if (written[0]) {
            published.add(price);
        }
        return CompletableFuture.completedFuture(written[0]);
    }

    public Optional<Price> cached(String symbol) {
        return Optional.ofNullable(prices.get(symbol));
    }

    public List<Price> published() {
        return List.copyOf(published);
    }

    public void down(boolean isDown) {
        this.down = isDown;
    }

    private static <T> CompletionStage<T> unreachable() {
        return CompletableFuture.failedFuture(new IllegalStateException("cache down"));
    }
}
