package io.pricewire.core.refresh;

import io.pricewire.core.aggregate.Aggregation;
import io.pricewire.core.aggregate.AggregationPolicy;
import io.pricewire.core.aggregate.Aggregator;
import io.pricewire.core.aggregate.FxRates;
import io.pricewire.core.aggregate.JumpGuard;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.cache.PriceCache;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.Quote;
import io.pricewire.core.exchange.TickerResponse;
import io.pricewire.core.exchange.http.Lane;
import io.pricewire.core.exchange.http.TickerSource;
import io.pricewire.core.history.HistoryTap;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceStatus;
import io.pricewire.core.store.PriceStore;
import io.pricewire.core.store.WriteBehindQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side: refresh(assets) → one bulk fetch per exchange, all exchanges concurrently and
 * each within the tier's budget, in the lane the {@link Trigger} draws from → aggregate per asset
 * → newer-wins cache write and publish → queued for the store. The only code that talks to
 * exchanges ({@link TickerSource}, the {@code ExchangeClient}s in production).
 *
 * <p>USDT/USDC quotes are converted with the current USDT/USD and USDC/USD aggregates
 * ({@link FxRateBook}): taken from the batch itself when it holds those assets, else from the last
 * known ones or the store, else the stablecoins are refreshed along with the batch.
 *
 * <p>The cache is written first and the store behind it ({@link WriteBehindQueue}): readers get a
 * new price as soon as Redis has it, whatever the table's latency. So the Redis script's
 * newer-wins check, not the table's, decides that an aggregate is {@code skipped} (another
 * refresher, the cold Lambda or a second instance, already cached a newer one; it queued that one
 * for the table too, so the loser is not queued). When the cache cannot be reached the aggregate
 * is queued for the store all the same: the table then decides, in the background.
 */
public final class RefreshEngine {
    private static final Duration REFERENCE_MAX_AGE = Duration.ofMinutes(15);
    /** How long a refresh waits for Redis to answer its cache writes. */
    static final Duration CACHE_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(RefreshEngine.class);

    private final AssetUniverse universe;
    private final Map<ExchangeId, TickerSource> exchanges;
    private final Aggregator aggregator;
    private final WriteBehindQueue storeWrites;
    private final PriceCache cache;
    private final RefreshSettings settings;
    private final Clock clock;
    private final RefreshListener listener;
    private final FxRateBook fx;
    private final HistoryTap history;
    private final JumpGuard jumpGuard = new JumpGuard(REFERENCE_MAX_AGE);

    /**
     * Aggregates with {@link AggregationPolicy#defaults()}: the service and the cold-refresh Lambda must publish the
     * same median for the same quotes, so the policy is not theirs to choose.
     *
     * @param exchanges the exchanges to ask, usually {@code ExchangeClient}s
     * @param store     read for stablecoin rates this engine has none of ({@link FxRateBook}); written only through
     *                  {@code storeWrites}
     */
    public RefreshEngine(
            AssetUniverse universe,
            Map<ExchangeId, ? extends TickerSource> exchanges,
            PriceStore store,
            WriteBehindQueue storeWrites,
            PriceCache cache,
            RefreshSettings settings,
            Clock clock,
            RefreshListener listener) {
        this(universe, exchanges, store, storeWrites, cache, settings, clock, listener, HistoryTap.NONE);
    }

    /**
     * As the constructor above, every published aggregate also going through {@code history}: its {@code change24h}
     * before the cache write, and into the price history once published.
     */
    public RefreshEngine(
            AssetUniverse universe,
            Map<ExchangeId, ? extends TickerSource> exchanges,
            PriceStore store,
            WriteBehindQueue storeWrites,
            PriceCache cache,
            RefreshSettings settings,
            Clock clock,
            RefreshListener listener,
            HistoryTap history) {
        this.universe = universe;
        this.exchanges = Map.copyOf(exchanges);
        this.aggregator = new Aggregator(AggregationPolicy.defaults());
        this.storeWrites = storeWrites;
        this.cache = cache;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        this.fx = new FxRateBook(store);
        this.history = history;
    }

    /**
     * Refreshes {@code assets} as members of {@code tier}; blocks until done (at most the tier's fetch budget plus the
     * cache writes).
     */
    public RefreshResult refresh(List<Asset> assets, Tier tier, Trigger trigger) {
        return refresh(assets, tier, trigger, settings.fetchBudget().get(tier));
    }

    /**
     * As {@link #refresh(List, Tier, Trigger)} with an explicit exchange budget (a reader waiting on a miss gets a
     * short one).
     */
    public RefreshResult refresh(List<Asset> assets, Tier tier, Trigger trigger, Duration fetchBudget) {
        return refresh(assets, tier, trigger, fetchBudget, exchanges);
    }

    /**
     * As {@link #refresh(List, Tier, Trigger)}, calling the exchanges through {@code via} instead of
     * the engine's own: the same exchanges set up differently, e.g. at a smaller share of each
     * exchange's rate limit while many processes refresh at once.
     */
    public RefreshResult refreshVia(
            Map<ExchangeId, ? extends TickerSource> via, List<Asset> assets, Tier tier, Trigger trigger) {
        return refresh(assets, tier, trigger, settings.fetchBudget().get(tier), via);
    }

    private RefreshResult refresh(
            List<Asset> assets,
            Tier tier,
            Trigger trigger,
            Duration fetchBudget,
            Map<ExchangeId, ? extends TickerSource> via) {
        long started = System.nanoTime();
        Map<String, Asset> batch = new LinkedHashMap<>();
        assets.forEach(a -> batch.put(a.symbol(), a));
        List<Asset> fxExtras = fx.toFetch(batch.keySet(), clock.instant()).stream()
                .map(universe::find)
                .flatMap(Optional::stream)
                .toList();
        List<Asset> toFetch = new ArrayList<>(batch.values());
        toFetch.addAll(fxExtras);

        Map<ExchangeId, TickerResponse> responses = fetchAll(via, toFetch, fetchBudget, trigger.lane(tier));
        Map<String, List<Quote>> quotesBySymbol = new HashMap<>();
        Map<String, String> exchangeErrors = new LinkedHashMap<>();
        responses.forEach((exchange, response) -> {
            response.quotes()
                    .forEach(q -> quotesBySymbol
                            .computeIfAbsent(q.symbol(), s -> new ArrayList<>())
                            .add(q));
            if (response.isFailure()) {
                exchangeErrors.put(
                        exchange.label(),
                        response.failure().kind().name().toLowerCase(Locale.ROOT) + ": "
                                + response.failure().message());
            }
        });

        listener.onQuotes(quotesBySymbol.values().stream().flatMap(List::stream).toList());

        Instant now = clock.instant();
        Map<String, Price> results = new LinkedHashMap<>();
        // stablecoins first: every USDT/USDC quote of the batch is converted with their fresh aggregates
        for (String stable : FxRateBook.STABLECOINS) {
            Asset asset = batch.get(stable);
            Tier stableTier = tier;
            if (asset == null) {
                asset = fxExtras.stream()
                        .filter(a -> a.symbol().equals(stable))
                        .findFirst()
                        .orElse(null);
                stableTier = asset == null ? tier : settings.boundaries().tierOf(asset.rank());
            }
            if (asset != null) {
                aggregate(asset, stableTier, quotesBySymbol, now).ifPresent(p -> {
                    fx.offer(p);
                    results.put(stable, p);
                });
            }
        }
        for (Asset asset : batch.values()) {
            if (!results.containsKey(asset.symbol())) {
                aggregate(asset, tier, quotesBySymbol, now).ifPresent(p -> results.put(asset.symbol(), p));
            }
        }

        history.beforePublish(List.copyOf(results.values())).forEach(p -> results.put(p.symbol(), p));
        Counts counts = write(results.values());
        int failed = (int)
                batch.keySet().stream().filter(s -> !results.containsKey(s)).count();
        int degraded = (int) batch.keySet().stream()
                .map(results::get)
                .filter(p -> p != null && p.status() == PriceStatus.DEGRADED && !counts.skipped.contains(p.symbol()))
                .count();
        int skippedInBatch =
                (int) batch.keySet().stream().filter(counts.skipped::contains).count();
        RefreshReport report = new RefreshReport(
                tier.label(),
                trigger.label(),
                batch.size(),
                batch.size() - failed - degraded - skippedInBatch,
                degraded,
                failed,
                skippedInBatch,
                counts.storeFailures.get(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                exchangeErrors);
        if (!exchangeErrors.isEmpty()) {
            LOG.info("refresh {} ({}): exchange problems {}", tier.label(), trigger.label(), exchangeErrors);
        }
        listener.onRefresh(report);
        Map<String, Price> batchPrices = new HashMap<>(results);
        batchPrices.keySet().retainAll(batch.keySet());
        return new RefreshResult(report, batchPrices);
    }

    /** The stablecoin rates this engine converts with now: the last good ones, whatever their age. */
    public FxRates fxRates() {
        return fx.rates();
    }

    /** Aggregates queued for the store and not yet written. */
    public int storeBacklog() {
        return storeWrites.backlog();
    }

    /**
     * Waits until every aggregate queued for the store is written, or {@code timeout} passed, then writes the price
     * history's buckets, open ones included; returns whether everything was written. For callers that stop after
     * refreshing (the Lambda, which does not live to see a minute close).
     */
    public boolean flush(Duration timeout) {
        boolean stored = storeWrites.flush(timeout);
        return history.flush() && stored;
    }

    private Optional<Price> aggregate(Asset asset, Tier tier, Map<String, List<Quote>> quotesBySymbol, Instant now) {
        List<Quote> quotes = quotesBySymbol.getOrDefault(asset.symbol(), List.of());
        if (quotes.isEmpty()) {
            return Optional.empty();
        }
        // measured against the last accepted price, so that one exchange's jump is held until confirmed
        Aggregation aggregation = jumpGuard.aggregate(
                asset.symbol(),
                now,
                (reference, pending) -> aggregator.aggregate(
                        asset.symbol(),
                        tier,
                        quotes,
                        fx.rates(),
                        settings.maxQuoteAge().get(tier),
                        now,
                        reference,
                        pending));
        return Optional.ofNullable(aggregation.price());
    }

    private static Map<ExchangeId, TickerResponse> fetchAll(
            Map<ExchangeId, ? extends TickerSource> exchanges, List<Asset> assets, Duration budget, Lane lane) {
        Map<ExchangeId, CompletableFuture<TickerResponse>> pending = new EnumMap<>(ExchangeId.class);
        // assets with the fewest other sources first: when an exchange's rate budget runs out within a
        // cycle (Coinbase, one call per product), the calls it does make are the ones quorum depends on
        List<Asset> byScarcity = assets.stream()
                .sorted(Comparator.comparingInt(a -> a.listings().size()))
                .toList();
        exchanges.forEach((exchange, source) -> {
            List<Listing> listings = byScarcity.stream()
                    .map(a -> a.listingOn(exchange))
                    .flatMap(Optional::stream)
                    .toList();
            if (!listings.isEmpty()) {
                pending.put(exchange, source.fetch(listings, budget, lane));
            }
        });
        Map<ExchangeId, TickerResponse> responses = new EnumMap<>(ExchangeId.class);
        pending.forEach((exchange, future) -> responses.put(exchange, future.join()));
        return responses;
    }

    private record Counts(Set<String> skipped, AtomicInteger storeFailures) {}

    /**
     * Caches and publishes every price at once (Lettuce pipelines the scripts), waiting at most
     * {@link #CACHE_WAIT} for the answers, then queues those that were not beaten by a newer cached
     * price for the store.
     */
    private Counts write(Collection<Price> prices) {
        Counts counts = new Counts(ConcurrentHashMap.newKeySet(), new AtomicInteger());
        Map<Price, CompletableFuture<Boolean>> cached = new LinkedHashMap<>();
        for (Price price : prices) {
            CompletableFuture<Boolean> written;
            try {
                written = cache.putIfNewer(price, settings.cacheTtl().get(price.refreshedAs()))
                        .toCompletableFuture();
            } catch (RuntimeException e) {
                written = CompletableFuture.failedFuture(e);
            }
            cached.put(price, written);
        }
        long deadline = System.nanoTime() + CACHE_WAIT.toNanos();
        int cacheFailures = 0;
        Exception firstFailure = null;
        for (Map.Entry<Price, CompletableFuture<Boolean>> e : cached.entrySet()) {
            Price price = e.getKey();
            Boolean written = null;
            try {
                written = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (Exception failed) {
                cacheFailures++;
                firstFailure = firstFailure == null ? failed : firstFailure;
            }
            if (Boolean.FALSE.equals(written)) {
                counts.skipped.add(price.symbol());
                continue;
            }
            history.published(price);
            if (!storeWrites.offer(price)) {
                counts.storeFailures.incrementAndGet();
            }
        }
        if (cacheFailures > 0) {
            LOG.warn(
                    "could not cache {} of {} prices (queued for the store all the same): {}",
                    cacheFailures,
                    cached.size(),
                    firstFailure.toString());
        }
        return counts;
    }
}
