package io.pricewire.service.coingecko;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.history.Candle;
import io.pricewire.core.history.HistoryReader;
import io.pricewire.core.history.Resolution;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where the 24 h figures come from, how often the history is read for them, and what a failing read leaves. */
class HistoryFiguresTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:30Z");
    private static final Instant DAY_AGO = NOW.minus(Duration.ofDays(1));

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void shouldTakeTheLastMinuteCandleBeforeADayAgoElseThatHoursCandle() {
        Recording reader = new Recording(Map.of(
                "BTC#1m", List.of(candle("2026-11-29T11:52:00Z", "49000"), candle("2026-11-29T12:00:00Z", "50000")),
                "ETH#1h", List.of(candle("2026-11-29T12:00:00Z", "2500"))));
        HistoryFigures figures = figures(reader);
        assertThat(figures.dayAgoCloses(List.of("BTC", "ETH", "SOL")).join())
                .as("SOL has no history: absent, never a guess")
                .containsExactlyInAnyOrderEntriesOf(Map.of("BTC", 50_000.0, "ETH", 2_500.0));
        assertThat(reader.asked)
                .contains("BTC 1m " + DAY_AGO.minus(Duration.ofMinutes(10)) + " " + DAY_AGO)
                .contains("ETH 1h 2026-11-29T12:00:00Z 2026-11-29T12:00:00Z");
    }

    @Test
    void shouldReadTheHistoryOncePerAssetAndFigureWhateverTheRequestRate() {
        Recording reader = new Recording(Map.of("BTC#1h", List.of(candle("2026-11-29T12:00:00Z", "50000"))));
        HistoryFigures figures = figures(reader);
        for (int i = 0; i < 20; i++) {
            figures.week("BTC").join();
            figures.dayAgoCloses(List.of("BTC")).join();
        }
        assertThat(reader.calls.get())
                .as("one week read, one minute and one hour read for the day-ago close")
                .isEqualTo(3);
    }

    @Test
    void shouldAnswerNothingForAFailedReadAndTryAgainNextTime() {
        AtomicInteger calls = new AtomicInteger();
        HistoryReader broken = (symbol, resolution, from, to, limit) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("history store down");
        };
        HistoryFigures figures = figures(broken);
        assertThat(figures.dayAgoCloses(List.of("BTC")).join()).isEmpty();
        assertThat(figures.week("BTC").join().size()).isZero();
        int afterFirst = calls.get();
        figures.week("BTC").join();
        assertThat(calls.get()).as("a failure is not cached").isGreaterThan(afterFirst);
    }

    private HistoryFigures figures(HistoryReader reader) {
        return new HistoryFigures(reader, Clock.fixed(NOW, ZoneOffset.UTC), executor);
    }

    private static Candle candle(String start, String close) {
        BigDecimal c = new BigDecimal(close);
        return new Candle(Instant.parse(start), c, c, c, c);
    }

    /** Answers its candles per "SYMBOL#code" within [from, to], and records what it was asked. */
    private static final class Recording implements HistoryReader {
        private final Map<String, List<Candle>> series;
        private final List<String> asked = new ArrayList<>();
        private final AtomicInteger calls = new AtomicInteger();

        Recording(Map<String, List<Candle>> series) {
            this.series = series;
        }

        @Override
        public synchronized List<Candle> candles(
                String symbol, Resolution resolution, Instant from, Instant to, int limit) {
            calls.incrementAndGet();
            asked.add(symbol + " " + resolution.code() + " " + from + " " + to);
            return series.getOrDefault(symbol + "#" + resolution.code(), List.of()).stream()
                    .filter(c -> !c.start().isBefore(from) && !c.start().isAfter(to))
                    .limit(limit)
                    .toList();
        }
    }
}
