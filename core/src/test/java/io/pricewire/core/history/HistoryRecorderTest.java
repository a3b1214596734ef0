package io.pricewire.core.history;

import static io.pricewire.core.price.Prices.price;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.testkit.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recorder's buckets and when it writes them, with a writer that remembers (the table is in the integration test). */
class HistoryRecorderTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final MutableClock clock = MutableClock.at(T0);
    private final Writes writes = new Writes();
    private final HistoryRecorder recorder = new HistoryRecorder(writes, clock, GRACE, 3);

    @Test
    void shouldWriteAMinuteOnceWhenItClosesHoweverManyPricesItHad() {
        for (int s = 0; s < 60; s += 5) { // the hot ticker's 12 refreshes in a minute
            recorder.record(price("BTC", Integer.toString(100 + s), T0.plusSeconds(s)));
        }
        clock.advance(Duration.ofSeconds(60));
        assertThat(recorder.tick()).as("still within the grace period").isZero();
        clock.advance(GRACE);

        assertThat(recorder.tick()).isEqualTo(1);
        Bucket minute = writes.only(Resolution.MINUTE);
        assertThat(minute.start()).isEqualTo(T0);
        assertThat(minute.open()).isEqualByComparingTo("100");
        assertThat(minute.high()).isEqualByComparingTo("155");
        assertThat(minute.low()).isEqualByComparingTo("100");
        assertThat(minute.close()).isEqualByComparingTo("155");
        assertThat(recorder.tick()).as("written once").isZero();
    }

    @Test
    void shouldRollOverToTheNextBucketAndKeepTheHourAndDayOpen() {
        recorder.record(price("ETH", "10", T0.plusSeconds(59)));
        recorder.record(price("ETH", "12", T0.plusSeconds(61)));
        recorder.record(price("ETH", "8", T0.plusSeconds(62)));
        clock.advance(Duration.ofMinutes(2).plus(GRACE));

        assertThat(recorder.tick()).isEqualTo(2);
        assertThat(writes.all).extracting(Bucket::resolution).containsOnly(Resolution.MINUTE);
        assertThat(writes.all).extracting(b -> b.close().toPlainString()).containsExactlyInAnyOrder("10", "8");

        clock.advance(Duration.ofHours(1));
        assertThat(recorder.tick()).isEqualTo(1);
        Bucket hour = writes.only(Resolution.HOUR);
        assertThat(hour.open()).isEqualByComparingTo("10");
        assertThat(hour.high()).isEqualByComparingTo("12");
        assertThat(hour.low()).isEqualByComparingTo("8");
        assertThat(hour.close()).isEqualByComparingTo("8");
        assertThat(writes.of(Resolution.DAY)).as("the day is still open").isEmpty();
    }

    @Test
    void shouldTakeTheOpenAndCloseByPriceTimeNotByArrival() {
        recorder.record(price("SOL", "20", T0.plusSeconds(30)));
        recorder.record(price("SOL", "19", T0.plusSeconds(10))); // a streamed price that arrived late
        recorder.flush();

        Bucket minute = writes.only(Resolution.MINUTE);
        assertThat(minute.open()).isEqualByComparingTo("19");
        assertThat(minute.close()).isEqualByComparingTo("20");
    }

    @Test
    void shouldWriteEveryOpenBucketWhenFlushed() {
        recorder.record(price("BTC", "1", T0));
        recorder.record(price("ETH", "2", T0));

        assertThat(recorder.flush()).isTrue();

        assertThat(writes.all).hasSize(6);
        assertThat(recorder.pending()).isZero();
    }

    @Test
    void shouldTryFailedBucketsAgainAndDropBeyondTheBound() {
        writes.failing = true;
        for (String s : List.of("A", "B")) {
            recorder.record(price(s, "1", T0));
        }
        assertThat(recorder.flush()).isFalse();
        assertThat(recorder.failures()).isEqualTo(1);
        assertThat(recorder.dropped()).as("6 buckets, 3 kept").isEqualTo(3);

        writes.failing = false;
        assertThat(recorder.tick()).isEqualTo(3);
        assertThat(recorder.pending()).isZero();
    }

    @Test
    void shouldWriteNothingWhenNothingWasPublished() {
        clock.advance(Duration.ofDays(2));
        assertThat(recorder.tick()).isZero();
        assertThat(recorder.flush()).isTrue();
        assertThat(writes.all).isEmpty();
    }

    @Test
    void shouldMergeCommutativelyAndIdempotently() {
        Bucket a = Bucket.of("BTC", Resolution.MINUTE, new BigDecimal("10"), T0.plusSeconds(1))
                .with(new BigDecimal("15"), T0.plusSeconds(20));
        Bucket b = Bucket.of("BTC", Resolution.MINUTE, new BigDecimal("9"), T0.plusSeconds(30))
                .with(new BigDecimal("11"), T0.plusSeconds(50));

        assertThat(a.merge(b)).isEqualTo(b.merge(a));
        assertThat(a.merge(b).merge(b)).isEqualTo(a.merge(b));
        Bucket merged = a.merge(b);
        assertThat(merged.open()).isEqualByComparingTo("10");
        assertThat(merged.high()).isEqualByComparingTo("15");
        assertThat(merged.low()).isEqualByComparingTo("9");
        assertThat(merged.close()).isEqualByComparingTo("11");
    }

    /** Remembers what it was asked to write; fails everything while {@code failing}. */
    private static final class Writes implements HistoryWriter {
        final List<Bucket> all = new ArrayList<>();
        volatile boolean failing;

        @Override
        public void merge(List<Bucket> buckets) {
            if (failing) {
                throw new HistoryWriteException("table down", buckets, null);
            }
            all.addAll(buckets);
        }

        List<Bucket> of(Resolution r) {
            return all.stream().filter(b -> b.resolution() == r).toList();
        }

        Bucket only(Resolution r) {
            assertThat(of(r)).hasSize(1);
            return of(r).getFirst();
        }
    }
}
