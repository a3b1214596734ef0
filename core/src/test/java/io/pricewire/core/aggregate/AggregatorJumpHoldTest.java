package io.pricewire.core.aggregate;

import static io.pricewire.core.exchange.ExchangeId.BINANCE;
import static io.pricewire.core.exchange.ExchangeId.KRAKEN;
import static io.pricewire.core.exchange.ExchangeId.OKX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Quote;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceStatus;
import io.pricewire.core.price.RejectedQuote;
import io.pricewire.core.price.SourcePrice;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The jump hold of one reading, given the reference and pending jump {@link JumpGuard} would pass. */
class AggregatorJumpHoldTest {
    private static final Instant REFERENCE_AT = Instant.parse("2026-11-26T12:00:00Z");
    private static final Instant NOW = REFERENCE_AT.plusSeconds(30);
    private static final Price REFERENCE = new Price(
            "ADA",
            "USD",
            new BigDecimal("100"),
            REFERENCE_AT,
            Tier.MEDIUM,
            PriceStatus.DEGRADED,
            List.of(new SourcePrice(KRAKEN, new BigDecimal("100"), REFERENCE_AT.minusSeconds(1))),
            List.of());

    private final Aggregator aggregator = new Aggregator(AggregationPolicy.defaults());

    private static Quote quote(ExchangeId exchange, String price) {
        return new Quote(exchange, "ADA", new BigDecimal(price), "USD", NOW.minusSeconds(1), null);
    }

    private Aggregation aggregate(Price reference, PendingJump pending, Quote... quotes) {
        return aggregator.aggregate(
                "ADA", Tier.MEDIUM, List.of(quotes), FxRates.usdOnly(), Duration.ofMinutes(2), NOW, reference, pending);
    }

    @Test
    void shouldHoldTheReferenceWhenTheOnlySourceQuotesTenTimesIt() {
        Aggregation result = aggregate(REFERENCE, null, quote(KRAKEN, "1000"));

        assertThat(result.accepted()).isFalse();
        assertThat(result.held()).isEqualTo(new PendingJump(new BigDecimal("1000"), NOW));
        Price held = result.price();
        assertThat(held.price()).isEqualByComparingTo("100");
        assertThat(held.status()).isEqualTo(PriceStatus.DEGRADED);
        assertThat(held.sources()).isEqualTo(REFERENCE.sources());
        assertThat(held.rejected())
                .containsExactly(new RejectedQuote(KRAKEN, new BigDecimal("1000"), Aggregator.UNCONFIRMED));
        assertThat(result.rejected()).isEqualTo(held.rejected());
    }

    @Test
    void shouldDateTheHeldAnswerJustAfterTheReferenceWhenHolding() {
        Price held = aggregate(REFERENCE, null, quote(KRAKEN, "1000")).price();

        assertThat(held.timestamp())
                .as("observed when the reference was, not now")
                .isEqualTo(REFERENCE_AT.plusMillis(1));
        assertThat(held.isNewerThan(REFERENCE))
                .as("replaces the stored reference, with its status and rejected list")
                .isTrue();
        assertThat(held.age(NOW)).isEqualTo(Duration.ofSeconds(30).minusMillis(1));
    }

    @Test
    void shouldPublishTheJumpWhenTheNextReadingConfirmsIt() {
        PendingJump firstReading = new PendingJump(new BigDecimal("1000"), NOW.minusSeconds(30));

        Aggregation result = aggregate(REFERENCE, firstReading, quote(KRAKEN, "1010"));

        assertThat(result.accepted()).isTrue();
        assertThat(result.price().price()).isEqualByComparingTo("1010");
        assertThat(result.price().timestamp()).isEqualTo(NOW);
        assertThat(result.price().status()).isEqualTo(PriceStatus.DEGRADED);
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void shouldHoldAgainWhenTheNextReadingJumpsToAnotherLevel() {
        PendingJump firstReading = new PendingJump(new BigDecimal("1000"), NOW.minusSeconds(30));

        Aggregation result = aggregate(REFERENCE, firstReading, quote(KRAKEN, "10"));

        assertThat(result.price().price()).isEqualByComparingTo("100");
        assertThat(result.held()).isEqualTo(new PendingJump(BigDecimal.TEN, NOW));
    }

    @Test
    void shouldNotTakeTheHoldingReadingForItsOwnConfirmationWhenSeenAtTheSameInstant() {
        Aggregation result = aggregate(REFERENCE, new PendingJump(new BigDecimal("1000"), NOW), quote(KRAKEN, "1000"));

        assertThat(result.accepted()).isFalse();
        assertThat(result.price().price()).isEqualByComparingTo("100");
    }

    @Test
    void shouldPublishASingleSourceCrashOnTheSecondReading() {
        Aggregation first = aggregate(REFERENCE, null, quote(KRAKEN, "70"));
        assertThat(first.price().price()).isEqualByComparingTo("100");
        assertThat(first.price().rejected()).extracting(RejectedQuote::reason).containsExactly(Aggregator.UNCONFIRMED);

        // the crash goes on by 10 % before the next reading: still the same move, not a new jump
        Aggregation second =
                aggregate(REFERENCE, new PendingJump(first.held().price(), NOW.minusSeconds(30)), quote(KRAKEN, "63"));
        assertThat(second.accepted()).isTrue();
        assertThat(second.price().price()).isEqualByComparingTo("63");
    }

    @Test
    void shouldUseTheHonestQuoteWhenOneOfTwoSourcesQuotesTenTimesTheReference() {
        Aggregation result = aggregate(REFERENCE, null, quote(BINANCE, "101"), quote(OKX, "1000"));

        assertThat(result.accepted())
                .as("a fresh observation of the old level is a new price, not a hold")
                .isTrue();
        assertThat(result.price().price()).isEqualByComparingTo("101");
        assertThat(result.price().timestamp()).isEqualTo(NOW);
        assertThat(result.price().status()).isEqualTo(PriceStatus.DEGRADED);
        assertThat(result.price().sources()).extracting(SourcePrice::exchange).containsExactly(BINANCE);
        assertThat(result.rejected())
                .containsExactly(new RejectedQuote(OKX, new BigDecimal("1000"), Aggregator.UNCONFIRMED));
    }

    @Test
    void shouldUseTheHonestQuoteWhenItMovedWithinTheThresholdBesideATenfoldOne() {
        Aggregation result = aggregate(REFERENCE, null, quote(BINANCE, "88"), quote(OKX, "1000"));

        assertThat(result.price().price()).isEqualByComparingTo("88");
        assertThat(result.rejected()).extracting(RejectedQuote::reason).containsExactly(Aggregator.UNCONFIRMED);
    }

    @Test
    void shouldAcceptACrashAtOnceWhenTwoExchangesConfirmIt() {
        Aggregation result = aggregate(REFERENCE, null, quote(BINANCE, "70"), quote(OKX, "70.5"));

        assertThat(result.accepted()).isTrue();
        assertThat(result.price().price()).isEqualByComparingTo("70.25");
        assertThat(result.price().status()).isEqualTo(PriceStatus.OK);
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void shouldAcceptACrashAtOnceWhenTwoOfThreeExchangesConfirmIt() {
        Aggregation result = aggregate(REFERENCE, null, quote(BINANCE, "70"), quote(OKX, "70.5"), quote(KRAKEN, "100"));

        assertThat(result.price().price()).isEqualByComparingTo("70.25");
        assertThat(result.price().status()).isEqualTo(PriceStatus.OK);
        assertThat(result.rejected())
                .containsExactly(new RejectedQuote(KRAKEN, new BigDecimal("100"), Aggregator.OUTLIER));
    }

    @Test
    void shouldPublishAtOnceWhenTheMoveIsBelowTheThreshold() {
        Aggregation result = aggregate(REFERENCE, null, quote(KRAKEN, "119"));

        assertThat(result.accepted()).isTrue();
        assertThat(result.price().price()).isEqualByComparingTo("119");
        assertThat(result.held()).isNull();
    }

    @Test
    void shouldHoldWhenTheMoveIsJustAboveTheThreshold() {
        assertThat(aggregate(REFERENCE, null, quote(KRAKEN, "120")).accepted())
                .as("exactly 20 %")
                .isTrue();
        assertThat(aggregate(REFERENCE, null, quote(KRAKEN, "120.01")).accepted())
                .isFalse();
        assertThat(aggregate(REFERENCE, null, quote(KRAKEN, "79.99")).accepted())
                .isFalse();
    }

    @Test
    void shouldHoldNothingWhenThereIsNoReference() {
        Aggregation result = aggregate(null, null, quote(KRAKEN, "1000"));

        assertThat(result.accepted()).isTrue();
        assertThat(result.price().price()).isEqualByComparingTo("1000");
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void shouldHoldWhenTwoDisagreeingSourcesBothJumpTheSameWay() {
        Aggregation result = aggregate(REFERENCE, null, quote(BINANCE, "500"), quote(OKX, "1000"));

        assertThat(result.price().price()).isEqualByComparingTo("100");
        assertThat(result.rejected()).extracting(RejectedQuote::exchange).containsExactly(BINANCE, OKX);
        assertThat(result.held().price()).isEqualByComparingTo("750");
    }

    @Test
    void shouldPublishTheMidpointWhenTwoWideQuotesStraddleTheReference() {
        Aggregation result = aggregate(REFERENCE, null, quote(BINANCE, "70"), quote(OKX, "130"));

        assertThat(result.accepted())
                .as("a wide two-exchange market is not a jump")
                .isTrue();
        assertThat(result.price().price()).isEqualByComparingTo("100");
        assertThat(result.price().status()).isEqualTo(PriceStatus.DEGRADED);
    }

    @Test
    void shouldKeepStaleRejectionsBesideTheUnconfirmedQuoteWhenHolding() {
        Quote stale = new Quote(BINANCE, "ADA", new BigDecimal("100"), "USD", NOW.minus(Duration.ofMinutes(5)), null);

        Aggregation result = aggregate(REFERENCE, null, stale, quote(KRAKEN, "1000"));

        assertThat(result.price().rejected())
                .extracting(RejectedQuote::reason)
                .containsExactly(Aggregator.STALE, Aggregator.UNCONFIRMED);
    }

    @Test
    void shouldRefuseAReferenceOfAnotherAsset() {
        Price other =
                new Price("BTC", "USD", BigDecimal.TEN, REFERENCE_AT, Tier.HOT, PriceStatus.OK, List.of(), List.of());

        assertThatThrownBy(() -> aggregate(other, null, quote(KRAKEN, "100")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAJumpThresholdThatIsNotPositive() {
        assertThatThrownBy(() -> new AggregationPolicy(2, new BigDecimal("0.05"), 10, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AggregationPolicy.defaults().jumpThreshold()).isEqualByComparingTo("0.20");
    }
}
