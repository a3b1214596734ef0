package io.pricewire.core.aggregate;

import static io.pricewire.core.exchange.ExchangeId.BINANCE;
import static io.pricewire.core.exchange.ExchangeId.COINBASE;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AggregatorTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration MAX_AGE = Duration.ofSeconds(15);
    private static final FxRates PAR = FxRates.of(BigDecimal.ONE, BigDecimal.ONE);

    private final Aggregator aggregator = new Aggregator(AggregationPolicy.defaults());

    private static Quote usd(ExchangeId exchange, String price) {
        return quote(exchange, price, "USD", NOW.minusSeconds(1), null);
    }

    private static Quote quote(ExchangeId exchange, String price, String currency, Instant at, String volume) {
        return new Quote(
                exchange, "BTC", new BigDecimal(price), currency, at, volume == null ? null : new BigDecimal(volume));
    }

    private Aggregation aggregate(List<Quote> quotes, FxRates fx) {
        return aggregator.aggregate("BTC", Tier.HOT, quotes, fx, MAX_AGE, NOW);
    }

    @Test
    void shouldTakeMedianWithOkStatusWhenFourSourcesAgree() {
        Aggregation result = aggregate(
                List.of(usd(BINANCE, "100.0"), usd(COINBASE, "101.0"), usd(KRAKEN, "102.0"), usd(OKX, "99.0")), PAR);

        Price price = result.price();
        assertThat(price.price()).isEqualByComparingTo("100.5");
        assertThat(price.status()).isEqualTo(PriceStatus.OK);
        assertThat(price.currency()).isEqualTo("USD");
        assertThat(price.timestamp()).isEqualTo(NOW);
        assertThat(price.refreshedAs()).isEqualTo(Tier.HOT);
        assertThat(price.sources()).extracting(SourcePrice::exchange).containsExactly(BINANCE, COINBASE, KRAKEN, OKX);
        assertThat(price.rejected()).isEmpty();
    }

    @Test
    void shouldRejectOutlierWhenOneExchangeQuotesTenTimesTheOthers() {
        Aggregation result = aggregate(
                List.of(
                        usd(BINANCE, "67190.01"),
                        usd(COINBASE, "67185.50"),
                        usd(KRAKEN, "671900.00"),
                        usd(OKX, "67187.33")),
                PAR);

        Price price = result.price();
        assertThat(price.price()).isEqualByComparingTo("67187.33");
        assertThat(price.status()).isEqualTo(PriceStatus.OK);
        assertThat(price.sources()).extracting(SourcePrice::exchange).containsExactly(BINANCE, COINBASE, OKX);
        assertThat(result.rejected()).containsExactly(new RejectedQuote(KRAKEN, new BigDecimal("671900"), "outlier"));
        assertThat(price.rejected()).isEqualTo(result.rejected());
    }

    @Test
    void shouldKeepQuoteWhenItIsJustInsideTheBand() {
        Aggregation result = aggregate(List.of(usd(BINANCE, "100"), usd(COINBASE, "100"), usd(KRAKEN, "105")), PAR);

        assertThat(result.rejected()).isEmpty();
        assertThat(result.price().sources()).hasSize(3);
    }

    @Test
    void shouldDropStaleQuoteWhenOlderThanMaxAge() {
        Quote fresh = quote(BINANCE, "100", "USD", NOW.minus(MAX_AGE), null);
        Quote alsoFresh = quote(COINBASE, "102", "USD", NOW.minusSeconds(2), null);
        Quote stale = quote(KRAKEN, "90", "USD", NOW.minus(MAX_AGE).minusMillis(1), null);

        Aggregation result = aggregate(List.of(fresh, alsoFresh, stale), PAR);

        assertThat(result.rejected()).containsExactly(new RejectedQuote(KRAKEN, new BigDecimal("90"), "stale"));
        assertThat(result.price().price()).isEqualByComparingTo("101");
        assertThat(result.price().sources())
                .extracting(SourcePrice::timestamp)
                .containsExactly(NOW.minus(MAX_AGE), NOW.minusSeconds(2));
    }

    @Test
    void shouldReturnDegradedPriceWhenOnlyOneSourceRemains() {
        Aggregation result =
                aggregate(List.of(usd(COINBASE, "100"), quote(KRAKEN, "100", "USD", NOW.minusSeconds(60), null)), PAR);

        assertThat(result.price().price()).isEqualByComparingTo("100");
        assertThat(result.price().status()).isEqualTo(PriceStatus.DEGRADED);
        assertThat(result.price().sources()).hasSize(1);
    }

    @Test
    void shouldReturnNoPriceWhenNoQuoteIsUsable() {
        Aggregation result = aggregate(List.of(quote(KRAKEN, "100", "USD", NOW.minusSeconds(60), null)), PAR);

        assertThat(result.price()).isNull();
        assertThat(result.hasPrice()).isFalse();
        assertThat(result.rejected()).extracting(RejectedQuote::reason).containsExactly("stale");
        assertThat(aggregate(List.of(), PAR).price()).isNull();
    }

    @Test
    void shouldConvertUsdtQuotesWithTheRateWhenUsdtIsOffPar() {
        List<Quote> quotes = List.of(
                quote(BINANCE, "1000", "USDT", NOW, null),
                quote(OKX, "1000", "USDT", NOW, null),
                quote(KRAKEN, "1001", "USD", NOW, null));

        Aggregation atPar = aggregate(quotes, PAR);
        Aggregation offPar = aggregate(quotes, FxRates.of(new BigDecimal("1.001"), BigDecimal.ONE));

        assertThat(atPar.price().price()).isEqualByComparingTo("1000");
        assertThat(offPar.price().price()).isEqualByComparingTo("1001");
        assertThat(offPar.price().sources())
                .extracting(s -> s.price().toPlainString())
                .containsExactly("1001", "1001", "1001");
    }

    @Test
    void shouldRejectWithNoFxRateWhenStablecoinRateIsUnknown() {
        Aggregation result = aggregate(
                List.of(
                        quote(BINANCE, "100.5", "USDT", NOW, null), quote(OKX, "100.4", "USDC", NOW, null),
                        usd(COINBASE, "100"), usd(KRAKEN, "100.2")),
                FxRates.of(null, new BigDecimal("0.9999")));

        assertThat(result.rejected())
                .containsExactly(new RejectedQuote(BINANCE, new BigDecimal("100.5"), "no_fx_rate"));
        assertThat(result.price().sources()).extracting(SourcePrice::exchange).containsExactly(COINBASE, KRAKEN, OKX);
    }

    @Test
    void shouldNeverTakeUsdtAsUsdWhenNoRatesAreKnown() {
        Aggregation result = aggregate(List.of(quote(BINANCE, "100", "USDT", NOW, null)), FxRates.usdOnly());

        assertThat(result.price()).isNull();
        assertThat(result.rejected()).extracting(RejectedQuote::reason).containsExactly("no_fx_rate");
    }

    @Test
    void shouldKeepBothAndDegradeWhenTwoSourcesDisagreeBeyondTheBand() {
        Aggregation result = aggregate(List.of(usd(COINBASE, "100"), usd(KRAKEN, "120")), PAR);

        assertThat(result.rejected()).isEmpty();
        assertThat(result.price().sources()).hasSize(2);
        assertThat(result.price().price()).isEqualByComparingTo("110");
        assertThat(result.price().status()).isEqualTo(PriceStatus.DEGRADED);
    }

    @Test
    void shouldReturnOkWhenTwoSourcesAgreeWithinTheBand() {
        Aggregation result = aggregate(List.of(usd(COINBASE, "100"), usd(KRAKEN, "104")), PAR);

        assertThat(result.price().status()).isEqualTo(PriceStatus.OK);
        assertThat(result.price().price()).isEqualByComparingTo("102");
    }

    @Test
    void shouldKeepAllAndDegradeWhenNoMajorityAgreesWithTheMedian() {
        Aggregation result = aggregate(
                List.of(usd(BINANCE, "100"), usd(COINBASE, "100"), usd(KRAKEN, "1000"), usd(OKX, "1000")), PAR);

        assertThat(result.rejected()).isEmpty();
        assertThat(result.price().sources()).hasSize(4);
        assertThat(result.price().status()).isEqualTo(PriceStatus.DEGRADED);
    }

    @Test
    void shouldWeightMedianByVolumeWhenEverySourceReportsVolume() {
        Aggregation result = aggregate(
                List.of(
                        quote(COINBASE, "100", "USD", NOW, "10"),
                        quote(KRAKEN, "101", "USD", NOW, "1"),
                        quote(OKX, "102", "USD", NOW, "1")),
                PAR);

        assertThat(result.price().price()).isEqualByComparingTo("100");
    }

    @Test
    void shouldFallBackToPlainMedianWhenOneSourceHasNoVolume() {
        Aggregation result = aggregate(
                List.of(
                        quote(BINANCE, "101", "USD", NOW, null),
                        quote(COINBASE, "100", "USD", NOW, "10"),
                        quote(OKX, "102", "USD", NOW, "1")),
                PAR);

        assertThat(result.price().price()).isEqualByComparingTo("101");
    }

    @Test
    void shouldAverageTheMiddlePricesWhenWeightsSplitExactlyInHalf() {
        Aggregation result = aggregate(
                List.of(
                        quote(COINBASE, "100", "USD", NOW, "5"),
                        quote(KRAKEN, "101", "USD", NOW, "0"),
                        quote(OKX, "102", "USD", NOW, "5")),
                PAR);

        assertThat(result.price().price()).isEqualByComparingTo("101");
        assertThat(result.price().sources()).hasSize(3);
    }

    @Test
    void shouldGiveTheSameAggregationWhenQuotesArriveInAnyOrder() {
        List<Quote> quotes = new ArrayList<>(List.of(
                quote(BINANCE, "67190.01", "USDT", NOW, null),
                quote(COINBASE, "67185.5", "USD", NOW.minusSeconds(3), "12.5"),
                quote(KRAKEN, "6718.0", "USD", NOW, "3"),
                quote(OKX, "67187.33", "USDT", NOW.minusSeconds(30), "9"),
                quote(OKX, "67188.00", "USDC", NOW, "9")));
        FxRates fx = FxRates.of(new BigDecimal("0.99987"), new BigDecimal("1.0001"));
        Aggregation expected = aggregate(quotes, fx);
        Random random = new Random(42);

        for (int i = 0; i < 20; i++) {
            Collections.shuffle(quotes, random);
            assertThat(aggregate(quotes, fx)).isEqualTo(expected);
        }
        assertThat(expected.rejected()).extracting(RejectedQuote::reason).containsExactly("outlier", "stale");
    }

    @Test
    void shouldPublishPlainDecimalsWithBoundedDigitsWhenConversionAddsDigits() {
        Aggregation result = aggregate(
                List.of(
                        quote(BINANCE, "0.000012345678912345", "USDT", NOW, null),
                        quote(OKX, "0.000012345678912345", "USDT", NOW, null)),
                FxRates.of(new BigDecimal("0.99987654321"), BigDecimal.ONE));

        BigDecimal price = result.price().price();
        assertThat(price.precision()).isLessThanOrEqualTo(10);
        assertThat(price.toPlainString()).isEqualTo("0.00001234415475");
        assertThat(aggregate(List.of(usd(COINBASE, "67000.000"), usd(KRAKEN, "67000")), PAR)
                        .price()
                        .price()
                        .toPlainString())
                .isEqualTo("67000");
    }

    @Test
    void shouldCountExchangesNotQuotesWhenCheckingQuorum() {
        Aggregation result =
                aggregate(List.of(quote(OKX, "100", "USDT", NOW, null), quote(OKX, "100.1", "USDC", NOW, null)), PAR);

        assertThat(result.price().sources()).hasSize(2);
        assertThat(result.price().status()).isEqualTo(PriceStatus.DEGRADED);
    }

    @Test
    void shouldRefuseQuotesOfAnotherSymbolWhenCallerMixesThemUp() {
        Quote eth = new Quote(BINANCE, "ETH", BigDecimal.TEN, "USD", NOW, null);

        assertThatThrownBy(() -> aggregate(List.of(eth), PAR)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldApplyConfiguredQuorumWhenPolicyAsksForThree() {
        Aggregator strict = new Aggregator(new AggregationPolicy(3, new BigDecimal("0.05")));

        Aggregation result = strict.aggregate(
                "BTC", Tier.COLD, List.of(usd(COINBASE, "100"), usd(KRAKEN, "100")), PAR, MAX_AGE, NOW);

        assertThat(result.price().status()).isEqualTo(PriceStatus.DEGRADED);
        assertThat(result.price().refreshedAs()).isEqualTo(Tier.COLD);
    }
}
