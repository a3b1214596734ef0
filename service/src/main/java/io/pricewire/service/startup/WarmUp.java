package io.pricewire.service.startup;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.cache.PriceCache;
import io.pricewire.core.cache.RedisKeys;
import io.pricewire.core.price.Price;
import io.pricewire.core.refresh.RefreshEngine;
import io.pricewire.core.refresh.RefreshSettings;
import io.pricewire.core.refresh.Trigger;
import io.pricewire.core.store.PriceStore;
import io.pricewire.service.lease.RedisLease;
import io.pricewire.service.nearcache.NearCache;
import io.pricewire.service.tiers.TierDirectory;
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
 * are left to the cold refresher — unless most of them are missing (a first deployment, a flushed
 * table): then one instance of the fleet refreshes them before it is ready ({@code
 * pricewire.warm-up.fill-cold}, on by default). Until it has
 * finished, {@code /health/readiness} and {@code /healthz} report DOWN so the load balancer sends no traffic.
 *
 * <p>It finishes whatever happens: an exception ends it, and after {@code pricewire.warm-up.time-limit}
 * (default 60 s) a warm-up still running is interrupted and given up. A cold cache is better than an
 * instance the load balancer never uses.
 */
@Singleton
public class WarmUp implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    /** How long a first deployment's cold fill may wait for the exchanges (Coinbase: one call per product). */
    static final Duration COLD_FILL_BUDGET = Duration.ofSeconds(15);

    private final AssetUniverse universe;
    private final PriceStore store;
    private final PriceCache cache;
    private final RefreshEngine engine;
    private final TierDirectory tiers;
    private final RefreshSettings settings;
    private final ExecutorService executor;
    private final NearCache nearCache;
    private final Duration timeLimit;
    private final boolean fillCold;
    private final RedisLease leases;
    private volatile boolean done;
    private volatile String status = "warming up";

    WarmUp(
            AssetUniverse universe,
            PriceStore store,
            PriceCache cache,
            RefreshEngine engine,
            TierDirectory tiers,
            RefreshSettings settings,
            @Named("refresh") ExecutorService executor,
            NearCache nearCache,
            @Value("${pricewire.warm-up.time-limit:60s}") Duration timeLimit,
            @Value("${pricewire.warm-up.fill-cold:true}") boolean fillCold,
            RedisLease leases) {
        this.fillCold = fillCold;
        this.leases = leases;
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
        CompletableFuture.delayedExecutor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> {
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
            finish("ended without a result; the tickers fill the cache"); // an Error: readiness must not wait forever
            // either
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
        Map<String, Price> stored = scan();
        long scannedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // every stored price into the near cache, and into Redis with its asset's current tier's TTL; the Redis
        // writes are pipelined (all sent, then awaited together): 10,000 one-by-one round trips would take seconds
        List<CompletableFuture<Boolean>> writes = new ArrayList<>(stored.size());
        for (Price p : stored.values()) {
            Optional<Asset> asset = universe.find(p.symbol());
            if (asset.isEmpty()) {
                continue; // an asset the universe no longer has
            }
            Tier tier = tiers.tierOf(asset.get());
            nearCache.offer(p);
            writes.add(cache.putIfNewer(p, settings.cacheTtl().get(tier)).toCompletableFuture());
        }
        int cached = awaitAll(writes);
        long loadedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        int refreshed = 0;
        for (Tier tier : List.of(Tier.HOT, Tier.MEDIUM)) {
            List<Asset> missing = missing(tier, stored);
            if (!missing.isEmpty()) {
                refreshed +=
                        offered(engine.refresh(missing, tier, Trigger.WARMUP).prices());
            }
        }
        String fill = fillCold(tiers.members(Tier.COLD).size(), missing(Tier.COLD, stored));
        return "loaded all " + stored.size() + " stored prices (table scan " + scannedMs + " ms, near cache and Redis "
                + (loadedMs - scannedMs) + " ms, " + cached + " written to Redis), refreshed " + refreshed
                + " hot and medium prices from the exchanges; " + fill;
    }

    /** Every stored price, or none when the table cannot be read (the tickers and misses fill in). */
    private Map<String, Price> scan() {
        try {
            return store.scanAll();
        } catch (PriceStore.StoreException e) {
            LOG.warn("warm-up could not read the table: {}", e.getMessage());
            return Map.of();
        }
    }

    /** The members of {@code tier} without a price in {@code stored}. */
    private List<Asset> missing(Tier tier, Map<String, Price> stored) {
        return tiers.members(tier).stream()
                .filter(a -> !stored.containsKey(a.symbol()))
                .toList();
    }

    /**
     * A first deployment (or a flushed table): with most of the cold tier never stored, every cold read would
     * be a miss until the cold refresher's next run, minutes away. The instance that wins the lease refreshes
     * the missing cold assets itself before it reports ready — one bulk call per exchange, Coinbase within
     * {@link #COLD_FILL_BUDGET} and scarcest first — so a deployment is ready with its whole universe; the other
     * instances of a fleet starting at the same moment leave it to that one.
     */
    private String fillCold(int coldSize, List<Asset> missing) {
        if (!fillCold || missing.isEmpty() || missing.size() * 2 < coldSize) {
            return missing.size() + " cold assets have no price yet";
        }
        RedisLease.Answer lease = leases.take(RedisKeys.COLD_FILL_LEASE, COLD_FILL_BUDGET.multipliedBy(2));
        if (lease == RedisLease.Answer.HELD_ELSEWHERE) {
            return missing.size() + " cold assets have no price yet; another instance is filling them";
        }
        long start = System.nanoTime();
        int filled = offered(engine.refresh(missing, Tier.COLD, Trigger.WARMUP, COLD_FILL_BUDGET)
                .prices());
        return "filled " + filled + " of " + missing.size() + " never-stored cold assets from the exchanges in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms";
    }

    /**
     * Hands refreshed prices to the near cache directly, as a POST refresh does: the warm-up may run before
     * Redis (and so the {@code prices} channel that feeds the near cache) is reachable.
     */
    private int offered(Map<String, Price> prices) {
        prices.values().forEach(nearCache::offer);
        return prices.size();
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
        return (int) writes.stream()
                .filter(f -> f.isDone() && !f.isCompletedExceptionally())
                .count();
    }
}
