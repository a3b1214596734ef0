package io.pricewire.lambda.coldrefresh;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.asset.TierBoundaries;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.refresh.RefreshEngine;
import io.pricewire.core.refresh.RefreshReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cold run: the cold tier minus the promoted assets, refreshed through core's engine in
 * sequential batches within a deadline, summed into one {@link ColdRefreshReport} and one EMF line.
 * Batches run one after another so the engine's per-exchange rate limiters (Coinbase 10 req/s,
 * Kraken ~1 call/s) pace one stream of calls, not several competing ones.
 */
final class ColdRefreshJob {
    static final String TRIGGER = "lambda";
    /** Kept back from the function's remaining time for the last batch's writes and the report. */
    static final Duration FINISH_RESERVE = Duration.ofSeconds(10);
    /** A batch with less time than this for the exchanges would only collect timeouts. */
    static final Duration MIN_BATCH_BUDGET = Duration.ofSeconds(1);
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

    ColdRefreshJob(AssetUniverse universe, TierBoundaries boundaries, RefreshEngine engine, RedisConnector redis,
                   PromotedAssets promoted, EmfLogger emf, Clock clock, Duration budget, int batchSize) {
        this.universe = universe;
        this.boundaries = boundaries;
        this.engine = engine;
        this.redis = redis;
        this.promoted = promoted;
        this.emf = emf;
        this.clock = clock;
        this.budget = budget;
        this.batchSize = batchSize;
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

        boolean cacheReachable = redis.connect();
        if (!cacheReachable) {
            LOG.warn("run {}: Redis unreachable, refreshing every cold asset into DynamoDB only (no cache, no publish)", runId);
        }
        Set<String> leftToService = cacheReachable ? promoted.leftToTheService(cold, clock.instant()) : Set.of();
        List<Asset> toRefresh = cold.stream().filter(a -> !leftToService.contains(a.symbol())).toList();

        Totals totals = new Totals();
        totals.skipped = cold.size() - toRefresh.size();
        for (int from = 0; from < toRefresh.size(); from += batchSize) {
            List<Asset> batch = toRefresh.subList(from, Math.min(toRefresh.size(), from + batchSize));
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.compareTo(MIN_BATCH_BUDGET) < 0) {
                int notReached = toRefresh.size() - from;
                totals.failed += notReached;
                LOG.warn("run {}: deadline reached, {} cold assets not refreshed this time", runId, notReached);
                break;
            }
            totals.add(engine.refresh(batch, Tier.COLD, TRIGGER, left).report());
        }

        ColdRefreshReport report = new ColdRefreshReport(cold.size(), totals.refreshed, totals.degraded, totals.failed,
                totals.skipped, totals.storeFailures, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                totals.exchangeErrors);
        emf.log(report, totals.failedBatches, clock.instant());
        LOG.info("run {}: {} ({} of the skipped are promoted, left to the service)", runId, report, cold.size() - toRefresh.size());
        return report;
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

        void add(RefreshReport r) {
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
