package io.pricewire.lambda.coldrefresh;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.asset.TierBoundaries;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.http.ListingRefresher;
import io.pricewire.core.refresh.RefreshEngine;
import io.pricewire.core.refresh.RefreshReport;
import io.pricewire.core.refresh.Trigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cold run: the cold tier minus the promoted assets, refreshed through core's engine in
 * batches within a deadline, summed into one {@link ColdRefreshReport} and one EMF line. Two
 * batches are in flight at a time, so one batch's writes overlap the next one's exchange calls;
 * the engine's per-exchange rate limiters (at half of each exchange's limit, see ColdRefreshWiring:
 * Coinbase 5 req/s, Kraken ~1 call per 2 s) pace all of them.
 */
final class ColdRefreshJob {
    /** Kept back from the function's remaining time for the last batch's writes and the report. */
    static final Duration FINISH_RESERVE = Duration.ofSeconds(10);
    /** A batch with less time than this for the exchanges would only collect timeouts. */
    static final Duration MIN_BATCH_BUDGET = Duration.ofSeconds(1);
    /** Batches refreshed at once. */
    static final int BATCHES_IN_FLIGHT = 2;
    /** Exchanges without a bulk ticker: one call per product (Coinbase). */
    private static final Set<ExchangeId> PER_PRODUCT = EnumSet.of(ExchangeId.COINBASE);
    /** Other sources at which an asset's per-product call is spared. */
    static final int SPARE_PER_PRODUCT_AT = 2;

    private static final Logger LOG = LoggerFactory.getLogger(ColdRefreshJob.class);

    private final AssetUniverse universe;
    private final TierBoundaries boundaries;
    private final RefreshEngine engine;
    private final RedisConnector redis;
    private final PromotedAssets promoted;
    private final EmfLogger emf;
    private final Clock clock;
    private final Duration budget;
    private final int batchSize;
    private final ListingRefresher listings;

    ColdRefreshJob(
            AssetUniverse universe,
            TierBoundaries boundaries,
            RefreshEngine engine,
            RedisConnector redis,
            PromotedAssets promoted,
            EmfLogger emf,
            Clock clock,
            Duration budget,
            int batchSize,
            ListingRefresher listings) {
        this.universe = universe;
        this.boundaries = boundaries;
        this.engine = engine;
        this.redis = redis;
        this.promoted = promoted;
        this.emf = emf;
        this.clock = clock;
        this.budget = budget;
        this.batchSize = batchSize;
        this.listings = listings;
    }

    /**
     * Runs once.
     *
     * @param runId    names the run in the logs (the EventBridge event id)
     * @param timeLeft how long the function may still run, or {@code null} when unbounded; the run
     *                 stops starting batches early enough to finish within it
     */
    ColdRefreshReport run(String runId, Duration timeLeft) {
        long started = System.nanoTime();
        Instant deadline = deadline(clock.instant(), timeLeft);
        List<Asset> cold = universe.inTier(Tier.COLD, boundaries);
        // the execution environment is reused across invocations: the refresher reads a listing at most hourly
        // (a failed one again next run), so most runs cost nothing here; never when no batch would have time left
        Duration forListings = Duration.between(clock.instant(), deadline).minus(MIN_BATCH_BUDGET);
        listings.refreshDue(
                forListings.compareTo(ListingRefresher.DEFAULT_BUDGET) < 0
                        ? forListings
                        : ListingRefresher.DEFAULT_BUDGET);

        boolean cacheReachable = redis.connect();
        if (!cacheReachable) {
            LOG.warn(
                    "run {}: Redis unreachable, refreshing every cold asset into DynamoDB only (no cache, no publish)",
                    runId);
        }
        Set<String> leftToService = cacheReachable ? promoted.leftToTheService(cold, clock.instant()) : Set.of();
        List<Asset> toRefresh =
                cold.stream().filter(a -> !leftToService.contains(a.symbol())).toList();

        Totals totals = new Totals();
        totals.skipped = cold.size() - toRefresh.size();
        // two batches in flight: the assets Coinbase quotes (one call per product, paced) in their own
        // batches, the rest (a few whole-market calls) in others, so their writes proceed while
        // Coinbase is paced; the shared per-exchange rate limiters still pace every call
        List<List<Asset>> batches = batches(toRefresh);
        Semaphore inFlight = new Semaphore(BATCHES_IN_FLIGHT);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        try (ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < batches.size(); i++) {
                inFlight.acquireUninterruptibly();
                List<Asset> batch = batches.get(i);
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.compareTo(MIN_BATCH_BUDGET) < 0) {
                    inFlight.release();
                    int notReached = batches.subList(i, batches.size()).stream()
                            .mapToInt(List::size)
                            .sum();
                    totals.notReached(notReached);
                    LOG.warn("run {}: deadline reached, {} cold assets not refreshed this time", runId, notReached);
                    break;
                }
                int number = i + 1;
                running.add(CompletableFuture.runAsync(
                        () -> {
                            try {
                                RefreshReport r = engine.refresh(batch, Tier.COLD, Trigger.LAMBDA, left)
                                        .report();
                                LOG.info(
                                        "run {}: batch {}/{} of {} assets in {} ms",
                                        runId,
                                        number,
                                        batches.size(),
                                        batch.size(),
                                        r.durationMs());
                                totals.add(r);
                            } finally {
                                inFlight.release();
                            }
                        },
                        runner));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        }
        // the engine writes the table behind the cache: the run is not over until the table has the prices
        Duration flushFor = Duration.between(clock.instant(), deadline.plus(FINISH_RESERVE.dividedBy(2)));
        if (!engine.flush(flushFor.isNegative() ? Duration.ZERO : flushFor)) {
            totals.storeNotWritten(engine.storeBacklog());
            LOG.warn(
                    "run {}: {} refreshed prices not written to the table in time (cached and published only)",
                    runId,
                    engine.storeBacklog());
        }

        ColdRefreshReport report = new ColdRefreshReport(
                cold.size(),
                totals.refreshed,
                totals.degraded,
                totals.failed,
                totals.skipped,
                totals.storeFailures,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                totals.exchangeErrors);
        emf.log(report, totals.failedBatches, clock.instant());
        LOG.info(
                "run {}: {} ({} of the skipped are promoted, left to the service)",
                runId,
                report,
                cold.size() - toRefresh.size());
        return report;
    }

    /**
     * Batches of at most {@code batchSize}: those of assets on a per-product exchange first, then the
     * rest. A per-product exchange is asked only for assets with fewer than {@link #SPARE_PER_PRODUCT_AT}
     * other sources: its calls are the scarce ones (Coinbase's 10/s, shared with the service's tiers),
     * and an asset two other exchanges quote has its consensus without it.
     */
    private List<List<Asset>> batches(List<Asset> assets) {
        List<Asset> paced = new ArrayList<>();
        List<Asset> bulk = new ArrayList<>();
        for (Asset a : assets) {
            Asset asked = a;
            for (ExchangeId e : PER_PRODUCT) {
                if (asked.listingOn(e).isPresent() && asked.listings().size() - 1 >= SPARE_PER_PRODUCT_AT) {
                    asked = asked.without(e);
                }
            }
            Asset chosen = asked;
            (PER_PRODUCT.stream().anyMatch(e -> chosen.listingOn(e).isPresent()) ? paced : bulk).add(chosen);
        }
        List<List<Asset>> batches = new ArrayList<>();
        for (List<Asset> group : List.of(paced, bulk)) {
            for (int from = 0; from < group.size(); from += batchSize) {
                batches.add(group.subList(from, Math.min(group.size(), from + batchSize)));
            }
        }
        return batches;
    }

    private Instant deadline(Instant now, Duration timeLeft) {
        Instant byBudget = now.plus(budget);
        if (timeLeft == null) {
            return byBudget;
        }
        Instant byFunctionTimeout = now.plus(timeLeft).minus(FINISH_RESERVE);
        return byFunctionTimeout.isBefore(byBudget) ? byFunctionTimeout : byBudget;
    }

    /** The batches' reports added up. */
    private static final class Totals {
        int refreshed;
        int degraded;
        int failed;
        int skipped;
        int storeFailures;
        final Map<String, String> exchangeErrors = new LinkedHashMap<>();
        final Map<ExchangeId, Integer> failedBatches = new EnumMap<>(ExchangeId.class);

        synchronized void storeNotWritten(int count) {
            storeFailures += count;
        }

        synchronized void notReached(int count) {
            failed += count;
        }

        synchronized void add(RefreshReport r) {
            refreshed += r.refreshed();
            degraded += r.degraded();
            failed += r.failed();
            skipped += r.skipped();
            storeFailures += r.storeFailures();
            r.exchangeErrors().forEach((exchange, error) -> {
                exchangeErrors.putIfAbsent(exchange, error);
                failedBatches.merge(ExchangeId.fromLabel(exchange), 1, Integer::sum);
            });
        }
    }
}
