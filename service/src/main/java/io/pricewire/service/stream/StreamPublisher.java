package io.pricewire.service.stream;

import io.pricewire.core.aggregate.Aggregation;
import io.pricewire.core.aggregate.AggregationPolicy;
import io.pricewire.core.aggregate.Aggregator;
import io.pricewire.core.aggregate.JumpGuard;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.cache.PriceCache;
import io.pricewire.core.exchange.Quote;
import io.pricewire.core.history.HistoryTap;
import io.pricewire.core.price.Price;
import io.pricewire.core.refresh.RefreshEngine;
import io.pricewire.core.refresh.RefreshSettings;
import io.pricewire.core.store.WriteBehindQueue;
import io.pricewire.service.config.StreamProperties;
import io.pricewire.service.config.TierProperties;
import io.pricewire.service.nearcache.NearCache;
import io.pricewire.service.tiers.TierDirectory;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the streams' quotes into published prices. Each streamed change of an asset schedules one publication,
 * {@linkplain StreamProperties#gather() shortly after} when several streams quote it (the other exchanges' quotes of
 * the same market move arrive within milliseconds and join it), at once when one does, and never sooner than {@linkplain StreamProperties#publishInterval() the publish
 * interval} after the asset's last one; changes while one is scheduled join it. A publication re-aggregates the
 * asset's quotes in the {@link QuoteBook} with the same {@link Aggregator} rules and policy as every refresh (its own
 * {@link JumpGuard}: a jump from the last streamed price is held the same way), with the refresh engine's stablecoin
 * rates, and writes it through the same newer-wins Redis script that publishes it on the {@code prices} channel.
 *
 * <p>The aggregate's timestamp is its newest quote's exchange event time (never later than its arrival, see
 * {@link StreamConnection}): it says when the price was observed. An asset is queued for DynamoDB at most once per
 * interval of its tier from here (5 s hot, 30 s medium); the ticker's REST cycle writes it as well, so the table
 * stays within about two writes per asset per interval whatever the stream rate.
 */
@Singleton
public class StreamPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPublisher.class);
    private static final Duration REFERENCE_MAX_AGE = Duration.ofMinutes(15);

    private final QuoteBook book = new QuoteBook();
    private final Aggregator aggregator = new Aggregator(AggregationPolicy.defaults());
    private final JumpGuard jumpGuard = new JumpGuard(REFERENCE_MAX_AGE);
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("stream-publish").daemon().factory());

    private final AssetUniverse universe;
    private final TierDirectory tiers;
    private final RefreshEngine engine;
    private final RefreshSettings settings;
    private final PriceCache cache;
    private final WriteBehindQueue storeWrites;
    private final NearCache nearCache;
    private final StreamProperties props;
    private final TierProperties tierProps;
    private final StreamMetrics metrics;
    private final Clock clock;
    private final HistoryTap history;

    /** One asset's publication state. */
    private static final class Slot {
        final AtomicBoolean scheduled = new AtomicBoolean();
        volatile long lastPublishNanos = Long.MIN_VALUE / 2;
        volatile long lastStoredNanos = Long.MIN_VALUE / 2;
    }

    StreamPublisher(
            AssetUniverse universe,
            TierDirectory tiers,
            RefreshEngine engine,
            RefreshSettings settings,
            PriceCache cache,
            WriteBehindQueue storeWrites,
            NearCache nearCache,
            StreamProperties props,
            TierProperties tierProps,
            StreamMetrics metrics,
            Clock clock,
            HistoryTap history) {
        this.universe = universe;
        this.tiers = tiers;
        this.engine = engine;
        this.settings = settings;
        this.cache = cache;
        this.storeWrites = storeWrites;
        this.nearCache = nearCache;
        this.props = props;
        this.tierProps = tierProps;
        this.metrics = metrics;
        this.clock = clock;
        this.history = history;
    }

    QuoteBook book() {
        return book;
    }

    /** A quote from a contributing stream. */
    void onStreamed(Quote quote) {
        if (book.offer(quote, true)) {
            schedule(quote.symbol());
        }
    }

    /** Quotes a REST refresh fetched: they stand in for exchanges whose stream does not contribute. */
    void onFetched(List<Quote> quotes) {
        quotes.forEach(q -> book.offer(q, false));
    }

    private void schedule(String symbol) {
        Slot slot = slots.computeIfAbsent(symbol, s -> new Slot());
        if (!slot.scheduled.compareAndSet(false, true)) {
            return;
        }
        long now = System.nanoTime();
        // only an asset that several streams quote has others' quotes of the same move to wait for (a medium asset
        // has Binance's alone)
        long gather = book.streamedCount(symbol) > 1 ? props.gather().toNanos() : 0;
        long due = Math.max(
                now + gather, slot.lastPublishNanos + props.publishInterval().toNanos());
        try {
            scheduler.schedule(() -> publish(symbol, slot), due - now, TimeUnit.NANOSECONDS);
        } catch (RuntimeException rejected) {
            slot.scheduled.set(false); // shutting down
        }
    }

    private void publish(String symbol, Slot slot) {
        // cleared first: a quote arriving while this runs schedules the next publication, one interval on
        slot.scheduled.set(false);
        slot.lastPublishNanos = System.nanoTime();
        try {
            aggregate(symbol).ifPresent(price -> write(price, slot));
        } catch (RuntimeException e) {
            metrics.publish("failed");
            LOG.warn("could not publish the streamed price of {}", symbol, e);
        }
    }

    /** The asset's aggregate from the book's quotes, or empty when no stream contributes to it. */
    Optional<Price> aggregate(String symbol) {
        Optional<Asset> asset = universe.find(symbol);
        List<Quote> quotes = book.quotes(symbol);
        if (asset.isEmpty() || quotes.isEmpty() || book.streamedCount(symbol) == 0) {
            return Optional.empty();
        }
        Tier tier = tiers.tierOf(asset.get());
        Instant newest = quotes.stream()
                .map(Quote::timestamp)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        Aggregation aggregation = jumpGuard.aggregate(
                symbol,
                newest,
                (reference, pending) -> aggregator.aggregate(
                        symbol,
                        tier,
                        quotes,
                        engine.fxRates(),
                        settings.maxQuoteAge().get(tier),
                        newest,
                        reference,
                        pending));
        return Optional.ofNullable(aggregation.price());
    }

    private void write(Price aggregate, Slot slot) {
        // change24h from the reference known now: a streamed price never waits on the history table
        Price price = history.beforePublishNow(aggregate);
        cache.putIfNewer(price, settings.cacheTtl().get(price.refreshedAs())).whenComplete((written, failure) -> {
            if (failure != null) {
                metrics.publish("failed");
                LOG.debug("could not cache the streamed price of {}: {}", price.symbol(), failure.toString());
            } else if (!written) {
                metrics.publish("skipped");
            } else {
                metrics.publish("written");
                metrics.publishDelay(Duration.between(price.timestamp(), clock.instant()));
                nearCache.offer(price);
                history.published(price);
                storeAtMostOncePerInterval(price, slot);
            }
        });
    }

    private void storeAtMostOncePerInterval(Price price, Slot slot) {
        long now = System.nanoTime();
        // once per interval of the asset's tier, as its ticker would: the streams refresh the medium tier's Binance
        // quote every second, and a write per second per medium asset would be 30 times the ticker's table cost
        if (now - slot.lastStoredNanos
                >= tierProps.interval(price.refreshedAs()).toNanos()) {
            slot.lastStoredNanos = now;
            storeWrites.offer(price);
        }
    }

    /** Forgets every quote: the streams stopped on this instance. */
    void reset() {
        book.clear();
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
