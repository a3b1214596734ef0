package io.pricewire.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.asset.Tier;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceStatus;
import io.pricewire.testkit.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The write-behind queue with an in-memory store. Most tests run without workers and drive the
 * drain step by step, with a clock of their own for the breaker, so nothing waits on real time.
 */
class WriteBehindQueueTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration OPEN_FOR = Duration.ofSeconds(10);
    private final InMemoryPriceStore store = new InMemoryPriceStore();
    private final MutableClock clock = MutableClock.at(T0);
    private WriteBehindQueue queue;

    @AfterEach
    void close() {
        if (queue != null) {
            queue.close();
        }
    }

    @Test
    void shouldWriteOnlyTheNewestPriceWhenASymbolIsOfferedSeveralTimes() throws Exception {
        queue = manual(100);

        queue.offer(price("BTC", 2, "102"));
        queue.offer(price("BTC", 3, "103"));
        queue.offer(price("BTC", 1, "101"));

        assertThat(queue.backlog()).isEqualTo(1);
        assertThat(queue.drainOne(Duration.ZERO)).isEqualTo(WriteBehindQueue.Step.WRITTEN);
        assertThat(queue.drainOne(Duration.ZERO)).isEqualTo(WriteBehindQueue.Step.EMPTY);
        assertThat(store.puts()).extracting(Price::price).containsExactly(new BigDecimal("103"));
    }

    @Test
    void shouldDropNewSymbolsAndCountThemWhenTheQueueIsFull() {
        queue = manual(2);

        assertThat(queue.offer(price("BTC", 1, "1"))).isTrue();
        assertThat(queue.offer(price("ETH", 1, "1"))).isTrue();
        assertThat(queue.offer(price("SOL", 1, "1")))
                .as("a third symbol beyond the bound")
                .isFalse();
        assertThat(queue.offer(price("BTC", 2, "2")))
                .as("a newer price of a waiting symbol still fits")
                .isTrue();

        assertThat(queue.backlog()).isEqualTo(2);
        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(queue.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(store.stored("SOL")).isEmpty();
        assertThat(store.stored("BTC")).get().extracting(Price::price).isEqualTo(new BigDecimal("2"));
    }

    @Test
    void shouldNotCallTheStoreWhileTheBreakerIsOpen() throws Exception {
        queue = manual(100);
        store.down(true);
        for (int i = 0; i < 20; i++) {
            queue.offer(price("A" + i, 1, "1"));
        }

        for (int i = 0; i < 10; i++) {
            assertThat(queue.drainOne(Duration.ZERO)).isEqualTo(WriteBehindQueue.Step.FAILED);
        }
        assertThat(queue.breakerState()).isEqualTo("open");
        int callsWhenOpened = store.puts().size();
        for (int i = 0; i < 30; i++) {
            assertThat(queue.drainOne(Duration.ZERO)).isEqualTo(WriteBehindQueue.Step.REFUSED);
        }

        assertThat(store.puts()).hasSize(callsWhenOpened);
        assertThat(queue.backlog()).as("nothing lost while open").isEqualTo(20);
    }

    @Test
    void shouldDrainTheBacklogWithTheNewestPricesOnceTheStoreRecovers() throws Exception {
        queue = manual(100);
        store.down(true);
        for (int i = 0; i < 20; i++) {
            queue.offer(price("A" + i, 1, "1"));
        }
        for (int i = 0; i < 10; i++) {
            queue.drainOne(Duration.ZERO);
        }
        assertThat(queue.breakerState()).isEqualTo("open");
        queue.offer(price("A0", 5, "5")); // a newer price arrives while the store is down

        store.down(false);
        clock.advance(OPEN_FOR.plusSeconds(1));

        assertThat(queue.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(queue.breakerState()).isEqualTo("closed");
        assertThat(queue.backlog()).isZero();
        for (int i = 0; i < 20; i++) {
            assertThat(store.stored("A" + i)).as("A" + i).isPresent();
        }
        assertThat(store.stored("A0")).get().extracting(Price::price).isEqualTo(new BigDecimal("5"));
    }

    @Test
    void shouldKeepAFailedWriteBehindANewerOneOfferedMeanwhile() throws Exception {
        queue = manual(100);
        store.down(true);
        queue.offer(price("BTC", 1, "1"));
        queue.drainOne(Duration.ZERO);
        queue.offer(price("BTC", 2, "2"));
        store.down(false);

        assertThat(queue.flush(Duration.ofSeconds(5))).isTrue();

        assertThat(store.stored("BTC")).get().extracting(Price::price).isEqualTo(new BigDecimal("2"));
        assertThat(store.puts()).extracting(Price::price).containsExactly(new BigDecimal("1"), new BigDecimal("2"));
    }

    @Test
    void shouldWriteEverythingBeforeFlushReturnsWhenWorkersRun() {
        queue = new WriteBehindQueue(store, new WriteBehindSettings(1_000, 4, OPEN_FOR), clock);
        for (int i = 0; i < 200; i++) {
            queue.offer(price("A" + i, 1, "1"));
        }

        assertThat(queue.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(queue.backlog()).isZero();
        for (int i = 0; i < 200; i++) {
            assertThat(store.stored("A" + i)).as("A" + i).isPresent();
        }
    }

    @Test
    void shouldReportNotFlushedWhenTheStoreStaysDown() {
        queue = manual(100);
        store.down(true);
        queue.offer(price("BTC", 1, "1"));

        assertThat(queue.flush(Duration.ofMillis(300))).isFalse();

        assertThat(queue.backlog()).isEqualTo(1);
    }

    private WriteBehindQueue manual(int capacity) {
        return new WriteBehindQueue(store, new WriteBehindSettings(capacity, 0, OPEN_FOR), clock);
    }

    static Price price(String symbol, int secondsAfterT0, String value) {
        return new Price(
                symbol,
                "USD",
                new BigDecimal(value),
                T0.plusSeconds(secondsAfterT0),
                Tier.HOT,
                PriceStatus.OK,
                List.of(),
                List.of());
    }
}
