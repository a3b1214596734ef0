package io.pricewire.core.history;

import static io.pricewire.core.price.Prices.price;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.price.Price;
import io.pricewire.testkit.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** change24h from the reference prices, with a reader in memory (DynamoHistoryStoreIntegrationTest has the table). */
class PriceHistoryTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:30Z");

    private final MutableClock clock = MutableClock.at(NOW);
    private final Reader reader = new Reader();
    private final ReferencePrices references =
            new ReferencePrices(reader, clock, Duration.ofMinutes(1), Duration.ofSeconds(5), 4);
    private final List<Bucket> written = new ArrayList<>();
    private final PriceHistory history =
            new PriceHistory(new HistoryRecorder(written::addAll, clock, Duration.ofSeconds(5), 100), references);

    @AfterEach
    void close() {
        references.close();
    }

    @Test
    void shouldGiveEachPriceItsChangeAgainstTheCloseOfTheMinute24HoursBefore() {
        reader.put("BTC", NOW.minus(Duration.ofHours(24)).minusSeconds(300), "90"); // older in the window: not it
        reader.put("BTC", NOW.minus(Duration.ofHours(24)).minusSeconds(30), "80");

        List<Price> out = history.beforePublish(List.of(price("BTC", "100", NOW), price("NEW", "5", NOW)));

        assertThat(out.get(0).change24h()).isEqualByComparingTo("25.00");
        assertThat(out.get(1).change24h()).as("no history that old").isNull();
    }

    @Test
    void shouldFindNoReferenceOlderThanTheWindow() {
        reader.put(
                "OLD", NOW.minus(Duration.ofHours(24)).minus(Change24h.WINDOW).minusSeconds(120), "80");

        assertThat(history.beforePublish(List.of(price("OLD", "100", NOW)))
                        .getFirst()
                        .change24h())
                .isNull();
    }

    @Test
    void shouldLookEachAssetUpAtMostOncePerMinute() {
        reader.put("ETH", NOW.minus(Duration.ofHours(24)), "200");
        for (int i = 0; i < 12; i++) { // a minute of the hot ticker
            history.beforePublish(List.of(price("ETH", "210", clock.instant())));
            clock.advance(Duration.ofSeconds(4));
        }
        assertThat(reader.reads.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(20));
        Price later = history.beforePublish(List.of(price("ETH", "190", clock.instant())))
                .getFirst();
        assertThat(reader.reads.get()).isEqualTo(2);
        assertThat(later.change24h()).isEqualByComparingTo("-5.00");
    }

    @Test
    void shouldNeverBlockAStreamedPriceOnALookup() {
        reader.put("SOL", NOW.minus(Duration.ofHours(24)), "10");

        assertThat(history.beforePublishNow(price("SOL", "11", NOW)).change24h())
                .as("not known yet: looked up in the background")
                .isNull();
        references.prefetch(List.of("SOL")); // waits for the lookup already running
        assertThat(history.beforePublishNow(price("SOL", "11", NOW)).change24h())
                .isEqualByComparingTo("10.00");
    }

    @Test
    void shouldPublishWithoutChangeWhenTheTableFails() {
        reader.failing = true;

        assertThat(history.beforePublish(List.of(price("BTC", "1", NOW)))
                        .getFirst()
                        .change24h())
                .isNull();
        assertThat(references.failures()).isEqualTo(1);
    }

    @Test
    void shouldRecordPublishedPricesAndWriteThemWhenFlushed() {
        history.published(price("BTC", "1", NOW));

        assertThat(history.flush()).isTrue();
        assertThat(written).extracting(Bucket::resolution).containsExactlyInAnyOrder(Resolution.values());
    }

    @Test
    void shouldRoundThePercentToTwoDecimals() {
        assertThat(Change24h.percent(new BigDecimal("1"), new BigDecimal("3"))).contains(new BigDecimal("-66.67"));
        assertThat(Change24h.percent(new BigDecimal("5"), BigDecimal.ZERO)).isEmpty();
    }

    /** Minute candles in memory, counting reads. */
    private static final class Reader implements HistoryReader {
        final Map<String, List<Candle>> candles = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();
        volatile boolean failing;

        void put(String symbol, Instant at, String close) {
            BigDecimal c = new BigDecimal(close);
            candles.computeIfAbsent(symbol, s -> new ArrayList<>())
                    .add(new Candle(Resolution.MINUTE.bucketStart(at), c, c, c, c));
        }

        @Override
        public List<Candle> candles(String symbol, Resolution resolution, Instant from, Instant to, int limit) {
            reads.incrementAndGet();
            if (failing) {
                throw new IllegalStateException("table down");
            }
            return candles.getOrDefault(symbol, List.of()).stream()
                    .filter(c -> !c.start().isBefore(from) && !c.start().isAfter(to))
                    .sorted((a, b) -> a.start().compareTo(b.start()))
                    .limit(limit)
                    .toList();
        }
    }
}
