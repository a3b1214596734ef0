package io.pricewire.service.nearcache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.cache.PriceCache;
import io.pricewire.core.price.Price;
import io.pricewire.core.refresh.RefreshSettings;
import io.pricewire.service.config.TierProperties;
import io.pricewire.service.tiers.TierDirectory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read side: near cache → Redis → DynamoDB → (only when nothing was ever stored) a
 * synchronous refresh. Never blocks the caller's thread: the table and the exchanges are reached
 * on the refresh executor. Concurrent misses for one symbol share one load (single flight), misses
 * of different symbols share one batch ({@link MissBatcher}), and a price found in the table is put
 * back into Redis for the next reader.
 */
@Singleton
public class PriceReader {

    private final PriceCache cache;
    private final TierDirectory tiers;
    private final RefreshSettings settings;
    private final NearCache nearCache;
    private final Clock clock;
    private final MissBatcher misses;
    private final Map<String, CompletableFuture<Optional<Price>>> inflight = new ConcurrentHashMap<>();
    private static final List<String> LAYERS = List.of("near", "redis", "dynamodb", "exchange");
    private static final List<String> RESULTS = List.of("hit", "miss", "error");
    private final Counter[][][] counters;
    private final long[] intervalMs = new long[Tier.values().length];

    PriceReader(
            PriceCache cache,
            TierDirectory tiers,
            RefreshSettings settings,
            MeterRegistry registry,
            NearCache nearCache,
            TierProperties tierProps,
            Clock clock,
            MissBatcher misses) {
        this.clock = clock;
        this.misses = misses;
        this.nearCache = nearCache;
        this.cache = cache;
        this.tiers = tiers;
        this.settings = settings;
        this.counters = registerCounters(registry);
        for (Tier t : Tier.values()) {
            intervalMs[t.ordinal()] = tierProps.interval(t).toMillis();
        }
    }

    /** The latest price of {@code asset}; empty only when none was ever stored and none could be fetched now. */
    public CompletableFuture<Optional<Price>> read(Asset asset) {
        Tier tier = tiers.tierOf(asset);
        Optional<Price> near = fromNearCache(asset.symbol(), tier);
        if (near.isPresent()) {
            count(tier, "near", "hit");
            return CompletableFuture.completedFuture(near);
        }
        count(tier, "near", "miss");
        return cache.get(asset.symbol())
                .toCompletableFuture()
                .exceptionally(e -> {
                    count(tier, "redis", "error");
                    return Optional.empty();
                })
                .thenCompose(hit -> {
                    if (hit.isPresent()) {
                        count(tier, "redis", "hit");
                        nearCache.offer(hit.get());
                        return CompletableFuture.completedFuture(hit);
                    }
                    count(tier, "redis", "miss");
                    return singleFlight(asset, tier);
                });
    }

    /**
     * Whether the near cache's {@code ready} may be served now, for an asset in {@code tier}; no
     * I/O and nothing counted: the Netty fast path counts with {@link #countNearHit} only once it
     * answers, and a request it hands to {@link #read} is counted there.
     */
    public boolean trusts(ReadyPrice ready, Tier tier, long nowMs) {
        return nearCache.isLive() || youngerThanInterval(ready, tier, nowMs);
    }

    private boolean youngerThanInterval(ReadyPrice ready, Tier tier, long nowMs) {
        return nowMs - ready.millis() <= intervalMs[tier.ordinal()];
    }

    public void countNearHit(Tier tier) {
        count(tier, "near", "hit");
    }

    /** The latest prices of {@code assets} (symbol → price); assets with none are left out. */
    public CompletableFuture<Map<String, Price>> readAll(List<Asset> assets) {
        Map<String, Price> near = new HashMap<>();
        List<Asset> notNear = new ArrayList<>();
        for (Asset a : assets) {
            Tier tier = tiers.tierOf(a);
            Optional<Price> p = fromNearCache(a.symbol(), tier);
            count(tier, "near", p.isPresent() ? "hit" : "miss");
            p.ifPresentOrElse(price -> near.put(a.symbol(), price), () -> notNear.add(a));
        }
        if (notNear.isEmpty()) {
            return CompletableFuture.completedFuture(near);
        }
        List<String> symbols = notNear.stream().map(Asset::symbol).toList();
        return cache.getAll(symbols)
                .toCompletableFuture()
                .exceptionally(e -> Map.of())
                .thenCompose(fromRedis -> {
                    Map<String, Price> cached = new HashMap<>(near);
                    cached.putAll(fromRedis);
                    fromRedis.values().forEach(nearCache::offer);
                    List<Asset> missing = new ArrayList<>();
                    for (Asset a : notNear) {
                        boolean hit = fromRedis.containsKey(a.symbol());
                        count(tiers.tierOf(a), "redis", hit ? "hit" : "miss");
                        if (!hit) {
                            missing.add(a);
                        }
                    }
                    if (missing.isEmpty()) {
                        return CompletableFuture.completedFuture(cached);
                    }
                    List<CompletableFuture<Optional<Price>>> loads = missing.stream()
                            .map(a -> singleFlight(a, tiers.tierOf(a)))
                            .toList();
                    return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new))
                            .thenApply(done -> {
                                Map<String, Price> all = new HashMap<>(cached);
                                loads.forEach(f -> f.join().ifPresent(p -> all.put(p.symbol(), p)));
                                return all;
                            });
                });
    }

    /** Joins the load of {@code asset} already under way, or starts it. */
    private CompletableFuture<Optional<Price>> singleFlight(Asset asset, Tier tier) {
        CompletableFuture<Optional<Price>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Price>> running = inflight.putIfAbsent(asset.symbol(), mine);
        if (running != null) {
            return running;
        }
        // completed outside the map's lock: a load that finishes at once must not remove itself while being inserted
        loadBehindCache(asset, tier).whenComplete((result, error) -> {
            inflight.remove(asset.symbol(), mine);
            if (error != null) {
                mine.completeExceptionally(error);
            } else {
                mine.complete(result);
            }
        });
        return mine;
    }

    /** A near-cache entry, trusted while the feed is live, else only while younger than its tier's interval. */
    private Optional<Price> fromNearCache(String symbol, Tier tier) {
        ReadyPrice ready = nearCache.ready(symbol);
        return ready != null && trusts(ready, tier, clock.millis()) ? Optional.of(ready.price()) : Optional.empty();
    }

    /**
     * Loads what Redis did not have. Called once per symbol at a time (single flight); a reader
     * that missed Redis just before a load finished finds the result in the near cache instead of
     * starting a second load.
     */
    private CompletableFuture<Optional<Price>> loadBehindCache(Asset asset, Tier tier) {
        ReadyPrice justLoaded = nearCache.ready(asset.symbol());
        if (justLoaded != null && youngerThanInterval(justLoaded, tier, clock.millis())) {
            count(tier, "near", "hit");
            return CompletableFuture.completedFuture(Optional.of(justLoaded.price()));
        }
        return misses.load(asset, tier).thenApply(loaded -> {
            if (loaded.storeFailed()) {
                count(tier, "dynamodb", "error");
            } else {
                count(tier, "dynamodb", loaded.fromStore() ? "hit" : "miss");
            }
            if (!loaded.fromStore()) {
                count(tier, "exchange", loaded.price().isPresent() ? "hit" : "miss");
            }
            loaded.price().ifPresent(p -> {
                nearCache.offer(p);
                if (loaded.fromStore()) {
                    cache.putIfNewer(p, settings.cacheTtl().get(tier)).exceptionally(e -> false);
                }
            });
            return loaded.price();
        });
    }

    private void count(Tier tier, String layer, String result) {
        counters[tier.ordinal()][LAYERS.indexOf(layer)][RESULTS.indexOf(result)].increment();
    }

    /** Every combination registered up front: a registry lookup with tags allocates, and this runs on every read. */
    private static Counter[][][] registerCounters(MeterRegistry registry) {
        Counter[][][] c = new Counter[Tier.values().length][LAYERS.size()][RESULTS.size()];
        for (Tier t : Tier.values()) {
            for (int l = 0; l < LAYERS.size(); l++) {
                for (int r = 0; r < RESULTS.size(); r++) {
                    c[t.ordinal()][l][r] = Counter.builder("pricewire.cache.requests")
                            .description("price lookups by tier, layer and result")
                            .tags("tier", t.label(), "layer", LAYERS.get(l), "result", RESULTS.get(r))
                            .register(registry);
                }
            }
        }
        return c;
    }
}
