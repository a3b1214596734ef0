package io.pricewire.service.health;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.cache.PriceCache;
import io.pricewire.core.price.Price;
import io.pricewire.core.refresh.RefreshEngine;
import io.pricewire.core.refresh.RefreshSettings;
import io.pricewire.core.store.PriceStore;
import io.pricewire.service.assets.TierDirectory;
import io.pricewire.service.prices.NearCache;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On start, loads every price the table holds into the near cache and Redis (a parallel Scan:
 * 10,000 prices are a few calls), so that once ready no stored asset is a miss; hot and medium
 * assets the table does not have yet are refreshed from the exchanges. Cold assets without a price
 * are left to the cold refresher (in AWS, a first deployment invokes it at once). Until it has
 * finished, {@code /health/readiness} and {@code /healthz} report DOWN so the load balancer sends no traffic.
 *
 * <p>It finishes whatever happens: an exception ends it, and after {@code pricewire.warm-up.time-limit}
 * (default 60 s) a warm-up still running is interrupted and given up. A cold cache is better than an
 * instance the load balancer never uses.
 */
@Singleton
public class WarmUp implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private final AssetUniverse universe;
    private final PriceStore store;
    private final PriceCache cache;
    private final RefreshEngine engine;
    private final TierDirectory tiers;
    private final RefreshSettings settings;
    private final ExecutorService executor;
    private final NearCache nearCache;
    private final Duration timeLimit;
    private volatile boolean done;
    private volatile String status = "warming up";

    WarmUp(AssetUniverse universe, PriceStore store, PriceCache cache, RefreshEngine engine, TierDirectory tiers, RefreshSettings settings,
           @Named("refresh") ExecutorService executor, NearCache nearCache,
           @Value("${pricewire.warm-up.time-limit:60s}") Duration timeLimit) {
        this.universe = universe;
        this.timeLimit = timeLimit;
        this.nearCache = nearCache;
        this.store = store;
        this.cache = cache;
        this.engine = engine;
        this.tiers = tiers;
        this.settings = settings;
        this.executor = executor;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        Future<?> running = executor.submit(this::run);
        CompletableFuture.delayedExecutor(timeLimit.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!done) {
                running.cancel(true);
                finish("gave up after " + timeLimit.toSeconds() + " s; the tickers fill the cache");
                LOG.error("warm-up did not finish within {}: ready without it", timeLimit);
            }
        });
    }

    public boolean isDone() {
        return done;
    }

    public String status() {
        return status;
    }

    private void run() {
        long start = System.nanoTime();
        try {
            String summary = warm();
            finish(summary);
            LOG.info("warm-up done in {} ms: {}", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), summary);
        } catch (RuntimeException e) {
            LOG.error("warm-up failed: ready without it", e);
            finish("failed (" + e + "); the tickers fill the cache");
        } finally {
            finish("ended without a result; the tickers fill the cache"); // an Error: readiness must not wait forever either
        }
    }

    /** Only the first outcome counts: a warm-up given up on may still end later. */
    private synchronized void finish(String outcome) {
        if (!done) {
            status = outcome;
            done = true;
        }
    }

    private String warm() {
        long start = System.nanoTime();
        Map<String, Price> stored = Map.of();
        try {
            stored = store.scanAll();
        } catch (PriceStore.StoreException e) {
            LOG.warn("warm-up could not read the table: {}", e.getMessage());
        }
        long scannedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // every stored price, as its asset's current tier, into the near cache and Redis; the Redis writes
        // are pipelined (all sent, then awaited together): 10,000 one-by-one round trips would take seconds
        List<CompletableFuture<Boolean>> writes = new ArrayList<>(stored.size());
        for (Price p : stored.values()) {
            Optional<Asset> asset = universe.find(p.symbol());
            if (asset.isEmpty()) {
                continue; // an asset the universe no longer has
            }
            Tier tier = tiers.tierOf(asset.get());
            Price current = p.withTier(tier);
            nearCache.offer(current);
            writes.add(cache.putIfNewer(current, settings.cacheTtl().get(tier)).toCompletableFuture());
        }
        int cached = awaitAll(writes);
        long loadedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        int refreshed = 0;
        for (Tier tier : List.of(Tier.HOT, Tier.MEDIUM)) {
            Map<String, Price> found = stored;
            List<Asset> missing = tiers.members(tier).stream().filter(a -> !found.containsKey(a.symbol())).toList();
            if (!missing.isEmpty()) {
                refreshed += engine.refresh(missing, tier, "warmup").prices().size();
            }
        }
        Map<String, Price> found = stored;
        long coldMissing = tiers.members(Tier.COLD).stream().filter(a -> !found.containsKey(a.symbol())).count();
        return "loaded all " + stored.size() + " stored prices (table scan " + scannedMs + " ms, near cache and Redis "
                + (loadedMs - scannedMs) + " ms, " + cached + " written to Redis), refreshed " + refreshed
                + " hot and medium prices from the exchanges; " + coldMissing + " cold assets have no price yet";
    }

    /** How many of {@code writes} succeeded, waiting for all of them together at most 30 s. */
    private static int awaitAll(List<CompletableFuture<Boolean>> writes) {
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("warm-up could not write every price to Redis: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (int) writes.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
    }
}
