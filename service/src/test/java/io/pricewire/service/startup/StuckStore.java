package io.pricewire.service.startup;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.pricewire.core.price.Price;
import io.pricewire.core.store.PriceStore;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A store whose bulk read (what the warm-up does first) hangs or throws an unexpected exception,
 * depending on {@code test.stuck-store}; single reads and writes work, so readiness can report.
 */
@Singleton
@Replaces(PriceStore.class)
@Requires(property = "test.stuck-store")
final class StuckStore implements PriceStore {
    private final String mode;
    private final CountDownLatch released = new CountDownLatch(1);

    StuckStore(@Value("${test.stuck-store}") String mode) {
        this.mode = mode;
    }

    @Override
    public boolean putIfNewer(Price price) {
        return true;
    }

    @Override
    public Optional<Price> get(String symbol) {
        return Optional.empty();
    }

    @Override
    public Map<String, Price> getAll(Collection<String> symbols) {
        return scanAll();
    }

    @Override
    public Map<String, Price> scanAll() {
        if ("throws".equals(mode)) {
            throw new IllegalStateException("a bug, not an outage");
        }
        try {
            released.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Map.of();
    }

    @PreDestroy
    void release() {
        released.countDown();
    }
}
