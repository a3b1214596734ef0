package io.pricewire.service.health;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.pricewire.core.asset.Asset;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On start, loads the hot and medium prices from the table into Redis (BatchGetItem, ≤ 100 keys
 * a call); assets the table does not have yet are refreshed from the exchanges instead. Until it
 * has finished, {@code /health/readiness} reports DOWN so the load balancer sends no traffic.
 *
 * <p>It finishes whatever happens: an exception ends it, and after {@code pricewire.warm-up.time-limit}
 * (default 60 s) a warm-up still running is interrupted and given up. A cold cache is better than an
 * instance the load balancer never uses.
 */
@Singleton
public class WarmUp implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
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

    WarmUp(PriceStore store, PriceCache cache, RefreshEngine engine, TierDirectory tiers, RefreshSettings settings,
           @Named("refresh") ExecutorService executor, NearCache nearCache,
           @Value("${pricewire.warm-up.time-limit:60s}") Duration timeLimit) {
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
        int loaded = 0;
        int refreshed = 0;
        for (Tier tier : List.of(Tier.HOT, Tier.MEDIUM)) {
            List<Asset> members = tiers.members(tier);
            Map<String, Price> stored = Map.of();
            try {
                stored = store.getAll(members.stream().map(Asset::symbol).toList());
            } catch (PriceStore.StoreException e) {
                LOG.warn("warm-up could not read the table: {}", e.getMessage());
            }
            for (Price p : stored.values()) {
                nearCache.offer(p.withTier(tier));
                try {
                    cache.putIfNewer(p.withTier(tier), settings.cacheTtl().get(tier)).toCompletableFuture().get(5, TimeUnit.SECONDS);
                    loaded++;
                } catch (Exception e) {
                    LOG.warn("warm-up could not cache {}: {}", p.symbol(), e.toString());
                }
            }
            Map<String, Price> found = stored;
            List<Asset> missing = members.stream().filter(a -> !found.containsKey(a.symbol())).toList();
            if (!missing.isEmpty()) {
                refreshed += engine.refresh(missing, tier, "warmup").prices().size();
            }
        }
        return "loaded " + loaded + " prices from the table, refreshed " + refreshed + " from the exchanges";
    }
}
