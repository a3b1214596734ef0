package io.pricewire.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cold runs' hours and days, made of the stored minutes and hours. */
class HistoryRollupTest {
    private static final Instant DAY = Instant.parse("2026-11-26T00:00:00Z");
    private static final Duration EVERY = Duration.ofMinutes(5);

    private final List<Bucket> stored = new ArrayList<>();
    private final HistoryReader reader = (symbol, resolution, from, to, limit) -> stored.stream()
            .filter(b -> b.symbol().equals(symbol) && b.resolution() == resolution)
            .filter(b -> !b.start().isBefore(from) && !b.start().isAfter(to))
            .sorted((a, b) -> a.start().compareTo(b.start()))
            .limit(limit)
            .map(Bucket::candle)
            .toList();
    private final HistoryRollup rollup = new HistoryRollup(reader, stored::addAll, EVERY, 4);

    @Test
    void shouldMakeTheLastHourOfItsMinutesInTheFirstRunOfTheNextHour() {
        minute("ADA", DAY.plusSeconds(10 * 60), "1.0");
        minute("ADA", DAY.plusSeconds(30 * 60), "1.4");
        minute("ADA", DAY.plusSeconds(55 * 60), "0.9");

        rollup.afterRun(List.of("ADA"), DAY.plus(Duration.ofMinutes(66)));
        assertThat(hours()).as("not the first run of the hour").isEmpty();

        rollup.afterRun(List.of("ADA"), DAY.plus(Duration.ofMinutes(61)));
        Candle hour = hours().getFirst().candle();
        assertThat(hour.start()).isEqualTo(DAY);
        assertThat(List.of(hour.open(), hour.high(), hour.low(), hour.close()))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(
                        new BigDecimal("1.0"), new BigDecimal("1.4"), new BigDecimal("0.9"), new BigDecimal("0.9"));
    }

    @Test
    void shouldMakeTheDayOfItsHoursIncludingTheLastHourRolledUpInTheSameRun() {
        minute("XRP", DAY.plus(Duration.ofHours(3)), "2");
        minute("XRP", DAY.plus(Duration.ofHours(23)).plusSeconds(300), "3");

        rollup.afterRun(List.of("XRP"), DAY.plus(Duration.ofHours(4)).plusSeconds(60)); // the 03:00 hour
        rollup.afterRun(List.of("XRP"), DAY.plus(Duration.ofDays(1)).plusSeconds(60)); // the 23:00 hour, then the day

        Candle day = stored.stream()
                .filter(b -> b.resolution() == Resolution.DAY)
                .findFirst()
                .orElseThrow()
                .candle();
        assertThat(day.start()).isEqualTo(DAY);
        assertThat(day.open()).isEqualByComparingTo("2");
        assertThat(day.high()).isEqualByComparingTo("3");
        assertThat(day.close()).isEqualByComparingTo("3");
    }

    @Test
    void shouldWriteNothingForAnAssetWithoutMinutes() {
        rollup.afterRun(List.of("NONE"), DAY.plusSeconds(60));
        assertThat(stored).isEmpty();
    }

    private void minute(String symbol, Instant at, String price) {
        stored.add(Bucket.of(symbol, Resolution.MINUTE, new BigDecimal(price), at));
    }

    private List<Bucket> hours() {
        return stored.stream().filter(b -> b.resolution() == Resolution.HOUR).toList();
    }
}
