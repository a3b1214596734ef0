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
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On start, loads the hot and medium prices from the table into Redis (BatchGetItem, ≤ 100 keys
 * a call); assets the table does not have yet are refreshed from the exchanges instead. Until it
 * has finished, {@code /health/readiness} reports DOWN so the load balancer sends no traffic.
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
    private volatile boolean done;
    private volatile String status = "warming up";

    WarmUp(PriceStore store, PriceCache cache, RefreshEngine engine, TierDirectory tiers, RefreshSettings settings,
           @Named("refresh") ExecutorService executor, NearCache nearCache) {
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
        executor.execute(this::run);
    }

    public boolean isDone() {
        return done;
    }

    public String status() {
        return status;
    }

    private void run() {
        long start = System.nanoTime();
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
        status = "loaded " + loaded + " prices from the table, refreshed " + refreshed + " from the exchanges";
        LOG.info("warm-up done in {} ms: {}", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), status);
        done = true;
    }
}
