package io.pricewire.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Quote;
import io.pricewire.core.price.Price;
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

    private static Price reference(String price) {
        return new Price(
                "BNB",
                "USD",
                new BigDecimal(price),
                NOW.minusSeconds(5),
                Tier.HOT,
                PriceStatus.OK,
                List.of(),
                List.of());
    }

    private Aggregation aggregate(List<Quote> quotes, String reference) {
        return aggregator.aggregate(
                "BNB", Tier.HOT, quotes, FxRates.usdOnly(), Duration.ofSeconds(30), NOW, reference(reference), null);
    }

    @Test
    void shouldKeepTheQuoteNearTheRecentAggregateWhenTwoQuotesDisagree() {
        var result = aggregate(List.of(quote(ExchangeId.BINANCE, "650"), quote(ExchangeId.OKX, "700")), "648");
        assertThat(result.price().price()).isEqualByComparingTo("650");
        assertThat(result.price().status()).isEqualTo(PriceStatus.DEGRADED);
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.exchange()).isEqualTo(ExchangeId.OKX);
            assertThat(r.reason()).isEqualTo(Aggregator.OUTLIER);
        });
    }

    @Test
    void shouldFallBackToTheMidpointWhenNoQuoteIsNearTheReferenceAndTheMidpointDoesNotJump() {
        var result = aggregate(List.of(quote(ExchangeId.BINANCE, "1800"), quote(ExchangeId.OKX, "2200")), "2000");
        assertThat(result.price().price()).isEqualByComparingTo("2000");
        assertThat(result.price().status()).isEqualTo(PriceStatus.DEGRADED);
        assertThat(result.price().timestamp()).isEqualTo(NOW);
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void shouldIgnoreTheReferenceWhenTheQuotesAgree() {
        var result = aggregate(List.of(quote(ExchangeId.BINANCE, "650"), quote(ExchangeId.OKX, "651")), "900");
        assertThat(result.price().status()).isEqualTo(PriceStatus.OK);
        assertThat(result.price().price()).isEqualByComparingTo("650.5");
    }
}
