package io.pricewire.core.refresh;

import io.pricewire.core.aggregate.Aggregation;
import io.pricewire.core.aggregate.Aggregator;
import io.pricewire.core.aggregate.FxRates;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.cache.PriceCache;
import io.pricewire.core.exchange.ExchangeClient;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.Quote;
import io.pricewire.core.exchange.TickerResponse;
import io.pricewire.core.price.Price;
import io.pricewire.core.store.PriceStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side: refresh(assets) → one bulk fetch per exchange, all exchanges concurrently and
 * each within the tier's budget → aggregate per asset → conditional store write → cache write
 * and publish. The only code that talks to exchanges.
 *
 * <p>USDT/USDC quotes are converted with the current USDT/USD and USDC/USD aggregates: taken from
 * the batch itself when it holds those assets, else from the last known ones, else the
 * stablecoins are refreshed along with the batch. Aggregates the store could not take (store
 * down) are still cached and published, and kept to be written by the next refresh.
 */
public final class RefreshEngine {
    public static final String USDT = "USDT";
    public static final String USDC = "USDC";
    private static final Duration FX_MAX_AGE = Duration.ofMinutes(10);
    private static final BigDecimal PEG_LOW = new BigDecimal("0.9");
    private static final BigDecimal PEG_HIGH = new BigDecimal("1.1");
    private static final BigDecimal PEG_LOW_DEGRADED = new BigDecimal("0.98");
    private static final BigDecimal PEG_HIGH_DEGRADED = new BigDecimal("1.02");
    private static final Duration REFERENCE_MAX_AGE = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(RefreshEngine.class);

    private final AssetUniverse universe;
    private final Map<ExchangeId, ExchangeClient> clients;
    private final Aggregator aggregator;
    private final PriceStore store;
    private final PriceCache cache;
    private final RefreshSettings settings;
    private final Clock clock;
    private final ExecutorService executor;
    private final RefreshListener listener;
    private final Map<String, Price> fx = new ConcurrentHashMap<>();
    private final Map<String, Price> pendingWrites = new ConcurrentHashMap<>();
    private final io.pricewire.core.aggregate.JumpGuard jumpGuard = new io.pricewire.core.aggregate.JumpGuard(REFERENCE_MAX_AGE);

    public RefreshEngine(AssetUniverse universe, Map<ExchangeId, ExchangeClient> clients, Aggregator aggregator,
                         PriceStore store, PriceCache cache, RefreshSettings settings, Clock clock,
                         ExecutorService executor, RefreshListener listener) {
        this.universe = universe;
        this.clients = Map.copyOf(clients);
        this.aggregator = aggregator;
        this.store = store;
        this.cache = cache;
        this.settings = settings;
        this.clock = clock;
        this.executor = executor;
        this.listener = listener;
    }

    /** Refreshes {@code assets} as members of {@code tier}; blocks until done (at most the tier's fetch budget plus the writes). */
    public RefreshResult refresh(List<Asset> assets, Tier tier, String trigger) {
        return refresh(assets, tier, trigger, settings.fetchBudget().get(tier));
    }

    /** As {@link #refresh(List, Tier, String)} with an explicit exchange budget (a reader waiting on a miss gets a short one). */
    public RefreshResult refresh(List<Asset> assets, Tier tier, String trigger, Duration fetchBudget) {
        long started = System.nanoTime();
        retryPendingWrites();
        Map<String, Asset> batch = new LinkedHashMap<>();
        assets.forEach(a -> batch.put(a.symbol(), a));
        List<Asset> fxExtras = fxAssetsToFetch(batch);
        List<Asset> toFetch = new ArrayList<>(batch.values());
        toFetch.addAll(fxExtras);

        // the hot tier and callers waiting for an answer use the exchanges' reserved lane
        boolean priority = tier == Tier.HOT || "api".equals(trigger) || "miss".equals(trigger);
        Map<ExchangeId, TickerResponse> responses = fetchAll(toFetch, fetchBudget, priority);
        Map<String, List<Quote>> quotesBySymbol = new HashMap<>();
        Map<String, String> exchangeErrors = new LinkedHashMap<>();
        responses.forEach((exchange, response) -> {
            response.quotes().forEach(q -> quotesBySymbol.computeIfAbsent(q.symbol(), s -> new ArrayList<>()).add(q));
            if (response.isFailure()) {
                exchangeErrors.put(exchange.label(), response.failure().kind().name().toLowerCase(java.util.Locale.ROOT)
                        + ": " + response.failure().message());
            }
        });

        Instant now = clock.instant();
        Map<String, Price> results = new LinkedHashMap<>();
        // stablecoins first: every USDT/USDC quote of the batch is converted with their fresh aggregates
        for (String stable : List.of(USDT, USDC)) {
            Asset asset = batch.get(stable);
            Tier stableTier = tier;
            if (asset == null) {
                asset = fxExtras.stream().filter(a -> a.symbol().equals(stable)).findFirst().orElse(null);
                stableTier = asset == null ? tier : settings.boundaries().tierOf(asset.rank());
            }
            if (asset != null) {
                aggregate(asset, stableTier, quotesBySymbol, now).ifPresent(p -> {
                    if (usableAsFx(p)) {
                        fx.put(stable, p);
                    }
                    results.put(stable, p);
                });
            }
        }
        for (Asset asset : batch.values()) {
            if (!results.containsKey(asset.symbol())) {
                aggregate(asset, tier, quotesBySymbol, now).ifPresent(p -> results.put(asset.symbol(), p));
            }
        }

        Counts counts = write(results.values(), tier);
        int failed = (int) batch.keySet().stream().filter(s -> !results.containsKey(s)).count();
        int degraded = (int) batch.keySet().stream().map(results::get)
                .filter(p -> p != null && p.status() == io.pricewire.core.price.PriceStatus.DEGRADED && !counts.skipped.contains(p.symbol()))
                .count();
        int skippedInBatch = (int) batch.keySet().stream().filter(counts.skipped::contains).count();
        RefreshReport report = new RefreshReport(tier.label(), trigger, batch.size(),
                batch.size() - failed - degraded - skippedInBatch, degraded, failed, skippedInBatch, counts.storeFailures.get(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), exchangeErrors);
        if (!exchangeErrors.isEmpty()) {
            LOG.info("refresh {} ({}): exchange problems {}", tier.label(), trigger, exchangeErrors);
        }
        listener.onRefresh(report);
        Map<String, Price> batchPrices = new HashMap<>(results);
        batchPrices.keySet().retainAll(batch.keySet());
        return new RefreshResult(report, batchPrices);
    }

    /** Aggregates not yet in the store because it failed; the next refresh retries them. */
    public int pendingWrites() {
        return pendingWrites.size();
    }

    private Optional<Price> aggregate(Asset asset, Tier tier, Map<String, List<Quote>> quotesBySymbol, Instant now) {
        List<Quote> quotes = quotesBySymbol.getOrDefault(asset.symbol(), List.of());
        if (quotes.isEmpty()) {
            return Optional.empty();
        }
        // measured against the last accepted price, so that one exchange's jump is held until confirmed
        Aggregation aggregation = jumpGuard.aggregate(asset.symbol(), now, (reference, pending) -> aggregator.aggregate(
                asset.symbol(), tier, quotes, currentFx(), settings.maxQuoteAge().get(tier), now, reference, pending));
        return Optional.ofNullable(aggregation.price());
    }

    /**
     * Which stablecoin aggregates may convert other quotes: a consensus one within 10 % of the peg
     * (depegs happen and must show), a single-source one only within 2 % — one exchange quoting
     * USDT ×10 would otherwise multiply every USDT-quoted price of the batch. Failing that, the
     * last good rate stays in use until it is {@link #FX_MAX_AGE} old.
     */
    private static boolean usableAsFx(Price p) {
        boolean consensus = p.status() == io.pricewire.core.price.PriceStatus.OK;
        BigDecimal low = consensus ? PEG_LOW : PEG_LOW_DEGRADED;
        BigDecimal high = consensus ? PEG_HIGH : PEG_HIGH_DEGRADED;
        return p.price().compareTo(low) >= 0 && p.price().compareTo(high) <= 0;
    }

    private FxRates currentFx() {
        Map<String, BigDecimal> rates = new HashMap<>();
        fx.forEach((symbol, price) -> rates.put(symbol, price.price()));
        return new FxRates(rates);
    }

    /** The stablecoins the batch needs for conversion but neither holds nor knows a recent price of. */
    private List<Asset> fxAssetsToFetch(Map<String, Asset> batch) {
        Instant now = clock.instant();
        List<String> unknown = new ArrayList<>();
        for (String stable : List.of(USDT, USDC)) {
            Price known = fx.get(stable);
            if (!batch.containsKey(stable) && (known == null || known.age(now).compareTo(FX_MAX_AGE) > 0)) {
                unknown.add(stable);
            }
        }
        if (unknown.isEmpty()) {
            return List.of();
        }
        try {
            store.getAll(unknown).forEach((symbol, price) -> {
                if (price.age(now).compareTo(FX_MAX_AGE) <= 0 && usableAsFx(price)) {
                    fx.put(symbol, price);
                }
            });
        } catch (PriceStore.StoreException e) {
            LOG.warn("could not read FX rates from the store: {}", e.getMessage());
        }
        return unknown.stream().filter(s -> !fx.containsKey(s) || fx.get(s).age(now).compareTo(FX_MAX_AGE) > 0)
                .map(universe::find).flatMap(Optional::stream).toList();
    }

    private Map<ExchangeId, TickerResponse> fetchAll(List<Asset> assets, Duration budget, boolean priority) {
        Map<ExchangeId, CompletableFuture<TickerResponse>> pending = new EnumMap<>(ExchangeId.class);
        // assets with the fewest other sources first: when an exchange's rate budget runs out within a
        // cycle (Coinbase, one call per product), the calls it does make are the ones quorum depends on
        List<Asset> byScarcity = assets.stream().sorted(java.util.Comparator.comparingInt(a -> a.listings().size())).toList();
        clients.forEach((exchange, client) -> {
            List<Listing> listings = byScarcity.stream().map(a -> a.listingOn(exchange)).flatMap(Optional::stream).toList();
            if (!listings.isEmpty()) {
                pending.put(exchange, client.fetch(listings, budget, priority));
            }
        });
        Map<ExchangeId, TickerResponse> responses = new EnumMap<>(ExchangeId.class);
        pending.forEach((exchange, future) -> responses.put(exchange, future.join()));
        return responses;
    }

    private record Counts(java.util.Set<String> skipped, AtomicInteger storeFailures) {
    }

    private Counts write(java.util.Collection<Price> prices, Tier tier) {
        Counts counts = new Counts(ConcurrentHashMap.newKeySet(), new AtomicInteger());
        Semaphore slots = new Semaphore(settings.storeConcurrency());
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (Price price : prices) {
            writes.add(CompletableFuture.runAsync(() -> {
                slots.acquireUninterruptibly();
                try {
                    writeOne(price, counts);
                } finally {
                    slots.release();
                }
            }, executor));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        return counts;
    }

    private void writeOne(Price price, Counts counts) {
        boolean stored;
        try {
            stored = store.putIfNewer(price);
            pendingWrites.computeIfPresent(price.symbol(), (s, old) -> price.isNewerThan(old) ? null : old);
        } catch (PriceStore.StoreException e) {
            counts.storeFailures.incrementAndGet();
            pendingWrites.merge(price.symbol(), price, (old, fresh) -> fresh.isNewerThan(old) ? fresh : old);
            stored = true; // still the newest we know: cache and publish it so readers get it now
        }
        if (!stored) {
            counts.skipped.add(price.symbol());
            return;
        }
        try {
            cache.putIfNewer(price, settings.cacheTtl().get(price.tier())).toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("could not cache {}: {}", price.symbol(), e.toString());
        }
    }

    private void retryPendingWrites() {
        for (Price price : List.copyOf(pendingWrites.values())) {
            try {
                store.putIfNewer(price);
                pendingWrites.remove(price.symbol(), price);
            } catch (PriceStore.StoreException e) {
                return; // still down: keep everything for the next refresh
            }
        }
    }
}
