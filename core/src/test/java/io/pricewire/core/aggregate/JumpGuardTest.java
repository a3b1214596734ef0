package io.pricewire.core.aggregate;

import static io.pricewire.core.exchange.ExchangeId.BINANCE;
import static io.pricewire.core.exchange.ExchangeId.KRAKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Quote;
import io.pricewire.core.price.RejectedQuote;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readings of one asset in a row, as a refresh engine makes them: the guard's memory between them. */
class JumpGuardTest {
    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Duration MAX_AGE = Duration.ofMinutes(15);

    private final Aggregator aggregator = new Aggregator(AggregationPolicy.defaults());
    private final JumpGuard guard = new JumpGuard(MAX_AGE);
    private Instant now = START;

    /** One refresh one interval after the last, with these exchange quotes (exchange, price, exchange, price …). */
    private Aggregation reading(Object... exchangesAndPrices) {
        now = now.plus(INTERVAL);
        return readingNow(exchangesAndPrices);
    }

    private Aggregation readingNow(Object... exchangesAndPrices) {
        List<Quote> quotes = new ArrayList<>();
        for (int i = 0; i < exchangesAndPrices.length; i += 2) {
            quotes.add(new Quote(
                    (ExchangeId) exchangesAndPrices[i],
                    "SOL",
                    new BigDecimal((String) exchangesAndPrices[i + 1]),
                    "USD",
                    now.minusSeconds(1),
                    null));
        }
        Instant at = now;
        return guard.aggregate(
                "SOL",
                at,
                (reference, pending) -> aggregator.aggregate(
                        "SOL", Tier.MEDIUM, quotes, FxRates.usdOnly(), Duration.ofMinutes(2), at, reference, pending));
    }

    @Test
    void shouldHoldATenfoldQuoteFromTheOnlySourceThenPublishItWhenTheSecondReadingConfirmsIt() {
        reading(KRAKEN, "100");

        Aggregation first = reading(KRAKEN, "1000");
        assertThat(first.price().price()).isEqualByComparingTo("100");
        assertThat(first.rejected())
                .containsExactly(new RejectedQuote(KRAKEN, new BigDecimal("1000"), Aggregator.UNCONFIRMED));

        Aggregation second = reading(KRAKEN, "1000");
        assertThat(second.accepted()).isTrue();
        assertThat(second.price().price()).isEqualByComparingTo("1000");
        assertThat(guard.baseline("SOL", now).reference()).isEqualTo(second.price());
        assertThat(guard.baseline("SOL", now).pending()).isNull();
    }

    @Test
    void shouldNeverPublishALiarWhoJumpsEveryOtherReading() {
        reading(KRAKEN, "100");

        for (int i = 0; i < 10; i++) {
            Aggregation lie = reading(KRAKEN, "1000");
            assertThat(lie.accepted()).isFalse();
            assertThat(lie.price().price()).isEqualByComparingTo("100");
            Aggregation honest = reading(KRAKEN, "100");
            assertThat(honest.accepted()).isTrue();
            assertThat(honest.price().timestamp()).isEqualTo(now);
        }
    }

    @Test
    void shouldNeverPublishTheLiarWhileTheHonestSourceKeepsQuoting() {
        reading(KRAKEN, "100", BINANCE, "100");

        for (int i = 0; i < 3; i++) {
            Aggregation result = reading(KRAKEN, "100", BINANCE, "1000");
            assertThat(result.price().price()).isEqualByComparingTo("100");
            assertThat(result.rejected()).extracting(RejectedQuote::reason).containsExactly(Aggregator.UNCONFIRMED);
        }
    }

    @Test
    void shouldPublishASingleSourceThirtyPercentMoveOnTheSecondReading() {
        reading(KRAKEN, "100");

        assertThat(reading(KRAKEN, "70").price().price()).isEqualByComparingTo("100");
        assertThat(reading(KRAKEN, "69").price().price()).isEqualByComparingTo("69");
    }

    @Test
    void shouldPublishACrashAtOnceWhenTwoExchangesQuoteIt() {
        reading(KRAKEN, "100", BINANCE, "100");

        Aggregation crash = reading(KRAKEN, "70", BINANCE, "70.2");

        assertThat(crash.accepted()).isTrue();
        assertThat(crash.price().price()).isEqualByComparingTo("70.1");
    }

    @Test
    void shouldHoldNothingOnTheFirstReading() {
        Aggregation first = reading(KRAKEN, "1000");

        assertThat(first.accepted()).isTrue();
        assertThat(first.price().price()).isEqualByComparingTo("1000");
    }

    @Test
    void shouldHoldNothingWhenTheLastAcceptedPriceIsTooOld() {
        reading(KRAKEN, "100");
        now = now.plus(MAX_AGE);

        assertThat(reading(KRAKEN, "1000").accepted()).isTrue();
    }

    @Test
    void shouldStopHoldingWhenTheLastAcceptedPriceAgesOut() {
        reading(KRAKEN, "100");
        int held = 0;
        while (!reading(KRAKEN, held % 2 == 0 ? "1000" : "10").accepted()) {
            held++;
        }
        assertThat(held)
                .as("readings %s apart held before the reference was %s old", INTERVAL, MAX_AGE)
                .isEqualTo((int) MAX_AGE.dividedBy(INTERVAL));
    }

    @Test
    void shouldKeepTheHeldJumpWhenAReadingHasNoUsableQuote() {
        reading(KRAKEN, "100");
        reading(KRAKEN, "1000");

        assertThat(reading().hasPrice()).isFalse();

        assertThat(reading(KRAKEN, "1000").accepted()).isTrue();
    }

    @Test
    void shouldKeepAssetsApartWhenOneOfThemJumps() {
        reading(KRAKEN, "100");
        Instant at = now;
        Quote other = new Quote(KRAKEN, "DOT", new BigDecimal("5"), "USD", at, null);
        guard.aggregate(
                "DOT",
                at,
                (reference, pending) -> aggregator.aggregate(
                        "DOT",
                        Tier.MEDIUM,
                        List.of(other),
                        FxRates.usdOnly(),
                        Duration.ofMinutes(2),
                        at,
                        reference,
                        pending));

        assertThat(guard.baseline("DOT", at).reference().price()).isEqualByComparingTo("5");
        assertThat(guard.baseline("SOL", at).reference().price()).isEqualByComparingTo("100");
    }
}
