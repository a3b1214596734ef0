package io.pricewire.service.coingecko;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.scheduling.TaskExecutors;
import io.pricewire.core.history.Candle;
import io.pricewire.core.history.HistoryReader;
import io.pricewire.core.history.Resolution;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The history-derived figures of the CoinGecko-compatible API, read through the {@link HistoryReader} port and cached
 * per asset for a minute: a client polling {@code /simple/price} with {@code include_24hr_change} or a page of
 * {@code /coins/markets} costs the history store at most one read per asset and figure per minute, whatever the
 * request rate. The reader is blocking, so loads run on Micronaut's blocking executor, never on an event loop. A read
 * that fails is not cached: its figures answer null and the next request tries again.
 */
@Singleton
public class HistoryFigures {
    static final Duration DAY = Duration.ofDays(1);
    static final Duration WEEK = Duration.ofDays(7);
    /** How far before "24 h ago" a minute candle may start and still stand for the price then. */
    private static final Duration DAY_AGO_SLACK = Duration.ofMinutes(10);

    private static final Duration CACHED_FOR = Duration.ofMinutes(1);
    /** Points held by every cached chart together: at 32 bytes each, at most 16 MB. */
    private static final long MAX_CACHED_POINTS = 500_000;

    private final HistoryReader reader;
    private final Clock clock;
    private final AsyncLoadingCache<String, OptionalDouble> dayAgo;
    private final AsyncLoadingCache<ChartKey, Series> series;

    HistoryFigures(HistoryReader reader, Clock clock, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.reader = reader;
        this.clock = clock;
        this.dayAgo = Caffeine.newBuilder()
                .expireAfterWrite(CACHED_FOR)
                .maximumSize(20_000)
                .executor(executor)
                .buildAsync(this::loadDayAgo);
        this.series = Caffeine.newBuilder()
                .expireAfterWrite(CACHED_FOR)
                .maximumWeight(MAX_CACHED_POINTS)
                .<ChartKey, Series>weigher((key, s) -> s.size() + 1)
                .executor(executor)
                .buildAsync(this::loadSeries);
    }

    /**
     * The USD price of each of {@code symbols} 24 hours ago: the close of the last minute candle that starts at most
     * ten minutes before then, else of the hourly candle that holds that moment. Symbols without one are absent.
     */
    public CompletableFuture<Map<String, Double>> dayAgoCloses(Collection<String> symbols) {
        return dayAgo.getAll(symbols).handle((found, error) -> {
            if (error != null) {
                symbols.forEach(symbol -> forgetFailed(dayAgo, symbol));
            }
            Map<String, Double> closes = new HashMap<>();
            if (found != null) {
                found.forEach((symbol, close) -> close.ifPresent(c -> closes.put(symbol, c)));
            }
            return closes;
        });
    }

    /** The hourly candles of {@code symbol} over the last seven days (the sparkline, and the 24 h high and low). */
    public CompletableFuture<Series> week(String symbol) {
        return series(new ChartKey(symbol, Resolution.HOUR, WEEK));
    }

    /** The candles of {@code symbol} at {@code resolution} over the last {@code span}; empty when the read fails. */
    public CompletableFuture<Series> series(ChartKey key) {
        return series.get(key).handle((s, error) -> {
            if (error != null) {
                forgetFailed(series, key);
            }
            return s == null ? Series.EMPTY : s;
        });
    }

    /**
     * Drops {@code key}'s failed load before its caller is answered, so the next request reads again. Caffeine drops
     * it too, but from a callback of its own that may run after this caller's: a request right behind would then still
     * be answered from the failure.
     */
    private static <K, V> void forgetFailed(AsyncLoadingCache<K, V> cache, K key) {
        CompletableFuture<V> cached = cache.getIfPresent(key);
        if (cached != null && cached.isCompletedExceptionally()) {
            cache.asMap().remove(key, cached);
        }
    }

    private OptionalDouble loadDayAgo(String symbol) {
        Instant at = clock.instant().minus(DAY);
        List<Candle> minutes = reader.candles(symbol, Resolution.MINUTE, at.minus(DAY_AGO_SLACK), at, 11);
        if (!minutes.isEmpty()) {
            return OptionalDouble.of(minutes.getLast().close().doubleValue());
        }
        Instant hour = Resolution.HOUR.bucketStart(at);
        List<Candle> hours = reader.candles(symbol, Resolution.HOUR, hour, hour, 1);
        return hours.isEmpty()
                ? OptionalDouble.empty()
                : OptionalDouble.of(hours.getFirst().close().doubleValue());
    }

    private Series loadSeries(ChartKey key) {
        Instant now = clock.instant();
        Instant from =
                key.span().compareTo(Duration.between(Instant.EPOCH, now)) >= 0 ? Instant.EPOCH : now.minus(key.span());
        long buckets = key.span().toMillis() / key.resolution().width().toMillis() + 2;
        int limit = (int) Math.min(buckets, ChartKey.MAX_POINTS);
        return Series.of(reader.candles(key.symbol(), key.resolution(), from, now, limit));
    }

    /**
     * One cached series: an asset's candles at one resolution over the last {@code span}.
     *
     * @param symbol     the asset
     * @param resolution the candles' width
     * @param span       how far back from now
     */
    public record ChartKey(String symbol, Resolution resolution, Duration span) {
        /** Daily candles since the epoch stay under this; anything longer is cut, the oldest kept. */
        static final int MAX_POINTS = 100_000;
    }
}
