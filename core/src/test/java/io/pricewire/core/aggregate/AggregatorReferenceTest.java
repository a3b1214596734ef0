package io.pricewire.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Quote;
import io.pricewire.core.price.PriceStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregatorReferenceTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final Aggregator aggregator = new Aggregator(AggregationPolicy.defaults());

    private static Quote quote(ExchangeId e, String price) {
        return new Quote(e, "BNB", new BigDecimal(price), "USD", NOW, null);
    }

    @Test
    void shouldKeepTheQuoteNearTheRecentAggregateWhenTwoQuotesDisagree() {
        var quotes = List.of(quote(ExchangeId.BINANCE, "650"), quote(ExchangeId.OKX, "6500"));
        var result = aggregator.aggregate("BNB", Tier.HOT, quotes, FxRates.usdOnly(), Duration.ofSeconds(30), NOW, new BigDecimal("648"));
        assertThat(result.price().price()).isEqualByComparingTo("650");
        assertThat(result.price().status()).isEqualTo(PriceStatus.DEGRADED);
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.exchange()).isEqualTo(ExchangeId.OKX);
            assertThat(r.reason()).isEqualTo(Aggregator.OUTLIER);
        });
    }

    @Test
    void shouldFallBackToTheMidpointWhenNoQuoteIsNearTheReference() {
        var quotes = List.of(quote(ExchangeId.BINANCE, "650"), quote(ExchangeId.OKX, "6500"));
        var result = aggregator.aggregate("BNB", Tier.HOT, quotes, FxRates.usdOnly(), Duration.ofSeconds(30), NOW, new BigDecimal("2000"));
        assertThat(result.price().price()).isEqualByComparingTo("3575");
        assertThat(result.price().status()).isEqualTo(PriceStatus.DEGRADED);
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void shouldIgnoreTheReferenceWhenTheQuotesAgree() {
        var quotes = List.of(quote(ExchangeId.BINANCE, "650"), quote(ExchangeId.OKX, "651"));
        var result = aggregator.aggregate("BNB", Tier.HOT, quotes, FxRates.usdOnly(), Duration.ofSeconds(30), NOW, new BigDecimal("900"));
        assertThat(result.price().status()).isEqualTo(PriceStatus.OK);
        assertThat(result.price().price()).isEqualByComparingTo("650.5");
    }
}
