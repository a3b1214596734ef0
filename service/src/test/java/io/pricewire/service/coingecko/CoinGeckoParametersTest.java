package io.pricewire.service.coingecko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.http.HttpStatus;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.history.Resolution;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the CoinGecko-compatible API reads its parameters: precision, currencies, lookups, days, order. */
class CoinGeckoParametersTest {
    private static final CoinIndex INDEX = new CoinIndex(AssetUniverse.loadDefault());

    @Test
    void shouldRoundToThePrecisionAskedForAndKeepEveryDigitByDefault() {
        BigDecimal price = new BigDecimal("67187.335893");
        assertThat(Precision.parse(null).apply(price)).isEqualByComparingTo("67187.335893");
        assertThat(Precision.parse("full").apply(price).toPlainString()).isEqualTo("67187.335893");
        assertThat(Precision.parse("2").apply(price).toPlainString()).isEqualTo("67187.34");
        assertThat(Precision.parse("0").apply(price).toPlainString()).isEqualTo("67187");
        assertThat(Precision.parse("18").apply(new BigDecimal("0.000000012")).toPlainString())
                .isEqualTo("0.000000012");
        assertThat(Precision.parse("3").apply(new BigDecimal("100.0000")).toPlainString())
                .as("no exponent for a round number")
                .isEqualTo("100");
    }

    @Test
    void shouldRefuseAPrecisionOutsideFullAndZeroToEighteen() {
        for (String bad : List.of("19", "-1", "two", "1.5", "100")) {
            CoinGeckoException e = assertThrows(CoinGeckoException.class, () -> Precision.parse(bad), bad);
            assertThat(e.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        }
    }

    @Test
    void shouldAnswer422WithCoinGeckosSentenceWithoutVsCurrencies() {
        for (String missing : new String[] {null, "", "  "}) {
            CoinGeckoException e = assertThrows(
                    CoinGeckoException.class, () -> SimplePriceQuery.parse(missing, null, null, null, null, null));
            assertThat(e.status().getCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
            assertThat(e.getMessage()).isEqualTo("Missing parameter vs_currencies");
        }
    }

    @Test
    void shouldKeepTheCurrenciesItKnowsInRequestOrderOnce() {
        SimplePriceQuery q =
                SimplePriceQuery.parse("EUR,sats,usd,Btc,usd,usdt,usdc,eth", "true", "TRUE", "false", "yes", "4");
        assertThat(q.currencies())
                .containsExactly(
                        VsCurrency.SATS,
                        VsCurrency.USD,
                        VsCurrency.BTC,
                        VsCurrency.USDT,
                        VsCurrency.USDC,
                        VsCurrency.ETH);
        assertThat(q.marketCap()).isTrue();
        assertThat(q.volume()).isTrue();
        assertThat(q.change()).isFalse();
        assertThat(q.lastUpdatedAt()).as("only true is true").isFalse();
        assertThat(q.precision()).isEqualTo(new Precision(4));
    }

    @Test
    void shouldLookCoinsUpByIdsThenNamesThenSymbolsLeavingUnknownOnesOut() {
        Map<String, Asset> byIds = INDEX.lookup("bitcoin, nosuchcoin,ethereum,bitcoin", "Solana", "doge");
        assertThat(byIds.keySet()).as("ids win over names and symbols").containsExactly("bitcoin", "ethereum");
        assertThat(byIds.get("ethereum").symbol()).isEqualTo("ETH");

        assertThat(INDEX.lookup(null, "Solana,USD Coin,Nowhere", "doge").keySet())
                .as("names before symbols, lowercased")
                .containsExactly("solana", "usd coin");
        assertThat(INDEX.lookup("", null, "DOGE,btc").keySet()).containsExactly("doge", "btc");
        assertThat(INDEX.lookup("nosuchcoin", null, null)).isEmpty();
        assertThat(CoinIndex.anyLookup(" ", null, "")).isFalse();
    }

    @Test
    void shouldChooseCoinGeckosGranularityForTheDaysAskedFor() {
        assertThat(ChartSpan.parse("1", null))
                .isEqualTo(new ChartSpan(Duration.ofDays(1), Resolution.MINUTE, Duration.ofMinutes(5)));
        assertThat(ChartSpan.parse("0.5", null).resolution()).isEqualTo(Resolution.MINUTE);
        assertThat(ChartSpan.parse("2", null))
                .isEqualTo(new ChartSpan(Duration.ofDays(2), Resolution.HOUR, Duration.ofHours(1)));
        assertThat(ChartSpan.parse("90", null).resolution()).isEqualTo(Resolution.HOUR);
        assertThat(ChartSpan.parse("91", null))
                .isEqualTo(new ChartSpan(Duration.ofDays(91), Resolution.DAY, Duration.ofDays(1)));
        assertThat(ChartSpan.parse("max", null).resolution()).isEqualTo(Resolution.DAY);
        assertThat(ChartSpan.parse("7", "daily").resolution()).isEqualTo(Resolution.DAY);
        for (String bad : List.of("0", "-3", "week", "NaN")) {
            assertThatThrownBy(() -> ChartSpan.parse(bad, null)).as(bad).isInstanceOf(CoinGeckoException.class);
        }
        assertThat(ChartSpan.parse("2", "5m").step()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> ChartSpan.parse("1", "weekly")).isInstanceOf(CoinGeckoException.class);
    }

    @Test
    void shouldOrderMarketsByRankForMarketCapAndVolumeAndById() {
        List<Asset> three = List.of(
                INDEX.byId("ethereum").orElseThrow(),
                INDEX.byId("bitcoin").orElseThrow(),
                INDEX.byId("cardano").orElseThrow());
        assertThat(sorted(three, MarketOrder.parse(null))).containsExactly("bitcoin", "ethereum", "cardano");
        assertThat(sorted(three, MarketOrder.parse("market_cap_asc")))
                .containsExactly("cardano", "ethereum", "bitcoin");
        assertThat(sorted(three, MarketOrder.parse("volume_desc"))).containsExactly("bitcoin", "ethereum", "cardano");
        assertThat(sorted(three, MarketOrder.parse("ID_ASC"))).containsExactly("bitcoin", "cardano", "ethereum");
        assertThat(sorted(three, MarketOrder.parse("id_desc"))).containsExactly("ethereum", "cardano", "bitcoin");
        assertThatThrownBy(() -> MarketOrder.parse("price_desc")).isInstanceOf(CoinGeckoException.class);
    }

    private static List<String> sorted(List<Asset> assets, MarketOrder order) {
        return assets.stream().sorted(order.comparator()).map(Asset::id).toList();
    }
}
