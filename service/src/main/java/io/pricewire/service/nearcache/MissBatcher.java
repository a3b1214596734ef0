package io.pricewire.service.nearcache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.price.Price;
import io.pricewire.core.refresh.RefreshEngine;
import io.pricewire.core.refresh.Trigger;
import io.pricewire.core.store.PriceStore;
import io.pricewire.service.config.MissProperties;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the assets neither cache holds, many at a time. The first miss opens a batch; every miss
 * of another asset within {@link MissProperties#window} joins it. The batch makes one table read
 * (GetItem for one asset, BatchGetItem for more) and, for the assets never stored, one refresh per
 * tier: one bulk call per exchange (Coinbase one per product). Eighty readers of eighty cold assets
 * thus cost a handful of calls, not eighty small fetches queued behind Kraken's one call a second.
 * The refresh waits at most {@link MissProperties#deadline}; a reader whose asset got no price by
 * then gets 503 at once. Misses of one symbol are already merged before they get here (the reader's
 * single flight).
 */
@Singleton
final class MissBatcher {
    private static final Logger LOG = LoggerFactory.getLogger(MissBatcher.class);

    /** What a batch found for one asset, and where, for the reader's per-layer meters. */
    record Loaded(Optional<Price> price, boolean fromStore, boolean storeFailed) {}

    private record Miss(Asset asset, Tier tier, CompletableFuture<Loaded> result) {}

    private final PriceStore store;
    private final RefreshEngine engine;
    private final ExecutorService executor;
    private final MissProperties props;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("miss-batch-timer").factory());
    private final Counter batches;
    private final Counter assets;
    private List<Miss> pending = new ArrayList<>();

    MissBatcher(
            PriceStore store,
            RefreshEngine engine,
            @Named("refresh") ExecutorService executor,
            MissProperties props,
            MeterRegistry registry) {
        this.store = store;
        this.engine = engine;
        this.executor = executor;
        this.props = props;
        this.batches = Counter.builder("pricewire.misses.batches")
                .description(
                        "batches of reads no cache could answer (one table read, at most one call per exchange each)")
                .register(registry);
        this.assets = Counter.builder("pricewire.misses.assets")
                .description("assets loaded in those batches")
                .register(registry);
    }

    CompletableFuture<Loaded> load(Asset asset, Tier tier) {
        Miss miss = new Miss(asset, tier, new CompletableFuture<>());
        boolean first;
        boolean full;
        synchronized (this) {
            pending.add(miss);
            first = pending.size() == 1;
            full = pending.size() >= props.maxBatch();
        }
        if (full) {
            flush();
        } else if (first) {
            timer.schedule(this::flush, props.window().toNanos(), TimeUnit.NANOSECONDS);
        }
        return miss.result();
    }

    private void flush() {
        List<Miss> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return; // a full batch went early; its timer finds nothing
            }
            batch = pending;
            pending = new ArrayList<>();
        }
        executor.execute(() -> run(batch));
    }

    private void run(List<Miss> batch) {
        batches.increment();
        assets.increment(batch.size());
        try {
            Map<String, Price> stored = Map.of();
            boolean storeFailed = false;
            try {
                stored = batch.size() == 1
                        ? store.get(batch.get(0).asset().symbol())
                                .map(p -> Map.of(p.symbol(), p))
                                .orElse(Map.of())
                        : store.getAll(
                                batch.stream().map(m -> m.asset().symbol()).toList());
            } catch (PriceStore.StoreException e) {
                storeFailed = true;
                LOG.warn("store read for {} missed assets failed: {}", batch.size(), e.getMessage());
            }
            Map<Tier, List<Miss>> unstored = new EnumMap<>(Tier.class);
            for (Miss m : batch) {
                Price p = stored.get(m.asset().symbol());
                if (p != null) {
                    m.result().complete(new Loaded(Optional.of(p), true, false));
                } else {
                    unstored.computeIfAbsent(m.tier(), t -> new ArrayList<>()).add(m);
                }
            }
            // nothing was ever stored (or the table is down): the one case where readers wait on the exchanges
            for (Map.Entry<Tier, List<Miss>> e : unstored.entrySet()) {
                Map<String, Asset> assets = new LinkedHashMap<>();
                e.getValue().forEach(m -> assets.put(m.asset().symbol(), m.asset()));
                Map<String, Price> fetched = engine.refresh(
                                List.copyOf(assets.values()), e.getKey(), Trigger.MISS, props.deadline())
                        .prices();
                for (Miss m : e.getValue()) {
                    m.result()
                            .complete(new Loaded(
                                    Optional.ofNullable(fetched.get(m.asset().symbol())), false, storeFailed));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("loading {} missed assets failed", batch.size(), e);
            batch.forEach(m -> m.result().completeExceptionally(e));
        }
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
    }
}
