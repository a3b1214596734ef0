package io.pricewire.service.coingecko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Currency conversion through Pricewire's own aggregates, the 24 h change, chart points and the simple price JSON. */
class CoinGeckoConversionTest {
    private static final CoinIndex INDEX = new CoinIndex(AssetUniverse.loadDefault());
    private static final Rates RATES = new Rates(
            Map.of(
                    "SOL", new BigDecimal("150"),
                    "BTC", new BigDecimal("60000"),
                    "ETH", new BigDecimal("3000"),
                    "USDT", new BigDecimal("0.9990"),
                    "USDC", new BigDecimal("1.0002")),
            Map.of("SOL", 120.0, "BTC", 50_000.0, "USDT", 1.0));

    @Test
    void shouldConvertThroughTheStablecoinBitcoinAndEtherAggregates() {
        BigDecimal sol = new BigDecimal("150");
        assertThat(RATES.convert(sol, VsCurrency.USD)).isEqualByComparingTo("150");
        assertThat(RATES.convert(sol, VsCurrency.USDT)).isEqualByComparingTo("150.1501501501502");
        assertThat(RATES.convert(sol, VsCurrency.USDC)).isEqualByComparingTo("149.9700059988002");
        assertThat(RATES.convert(sol, VsCurrency.BTC)).isEqualByComparingTo("0.0025");
        assertThat(RATES.convert(sol, VsCurrency.ETH)).isEqualByComparingTo("0.05");
        assertThat(RATES.convert(sol, VsCurrency.SATS)).isEqualByComparingTo("250000");
        Rates noBitcoin = new Rates(Map.of("SOL", sol), Map.of());
        assertThat(noBitcoin.convert(sol, VsCurrency.BTC))
                .as("no reference, no guess")
                .isNull();
    }

    @Test
    void shouldMeasureThe24hChangeInTheCurrencyAgainstTheReferencesOwnChange() {
        assertThat(RATES.changePercent("SOL", VsCurrency.USD)).isCloseTo(25.0, within(1e-9));
        // SOL +25 % in USD while BTC +20 %: in BTC, 1.25 / 1.2 - 1
        assertThat(RATES.changePercent("SOL", VsCurrency.BTC)).isCloseTo((1.25 / 1.2 - 1) * 100, within(1e-9));
        assertThat(RATES.changePercent("SOL", VsCurrency.SATS)).isCloseTo((1.25 / 1.2 - 1) * 100, within(1e-9));
        assertThat(RATES.changePercent("SOL", VsCurrency.ETH))
                .as("no ETH history")
                .isNull();
        assertThat(RATES.changePercent("ETH", VsCurrency.USD))
                .as("no ETH history")
                .isNull();
        assertThat(RATES.dayAgo("SOL", VsCurrency.BTC)).isCloseTo(120.0 / 50_000, within(1e-12));
    }

    @Test
    void shouldTakeTheLastCloseOfEachStepStampedAtItsEndAndLeaveTheStepNotYetOverOut() {
        long minute = 60_000;
        long t0 = 1_800_000_000_000L - 1_800_000_000_000L % (5 * minute);
        // minutes 0..6 of a 5-minute grid: step one = minutes 0-4 (close of minute 3, minute 4 missing), step two open
        Series usd = new Series(
                new long[] {t0, t0 + minute, t0 + 3 * minute, t0 + 5 * minute, t0 + 6 * minute},
                new double[] {1, 1, 1, 1, 1},
                new double[] {1, 1, 1, 1, 1},
                new double[] {10, 11, 13, 15, 16});
        List<ChartPoints.Point> points = ChartPoints.of(usd, null, VsCurrency.USD, 5 * minute, t0 + 7 * minute);
        assertThat(points).containsExactly(new ChartPoints.Point(t0 + 5 * minute, 13));

        Series bitcoin = new Series(
                new long[] {t0, t0 + 3 * minute}, new double[] {1, 1}, new double[] {1, 1}, new double[] {20, 26});
        assertThat(ChartPoints.of(usd, bitcoin, VsCurrency.SATS, minute, t0 + 10 * minute))
                .as("each point at the reference's close of the same bucket; buckets it lacks are left out")
                .containsExactly(
                        new ChartPoints.Point(t0 + minute, 10 * 1e8 / 20),
                        new ChartPoints.Point(t0 + 4 * minute, 13 * 1e8 / 26));
    }

    @Test
    void shouldWriteCoinGeckosKeysInItsOrderWithNumbersAndNulls() {
        Map<String, Asset> coins = new LinkedHashMap<>();
        coins.put("solana", INDEX.byId("solana").orElseThrow());
        coins.put("tron", INDEX.byId("tron").orElseThrow()); // no price: left out
        Price sol = price("SOL", "150", Instant.ofEpochSecond(1_800_000_000L, 123_000_000));
        SimplePriceQuery query = SimplePriceQuery.parse("usd,sats,eur", "true", "true", "true", "true", "2");
        String json =
                new String(SimplePriceJson.render(coins, Map.of("SOL", sol), RATES, query), StandardCharsets.UTF_8);
        assertThat(json)
                .isEqualTo(
                        "{\"solana\":{\"usd\":150,\"usd_market_cap\":null,\"usd_24h_vol\":null,\"usd_24h_change\":25.0,"
                                + "\"sats\":250000,\"sats_market_cap\":null,\"sats_24h_vol\":null,\"sats_24h_change\":"
                                + (1.25 / 1.2 - 1) * 100 + ",\"last_updated_at\":1800000000}}");

        String tiny = new String(
                SimplePriceJson.render(
                        Map.of("solana", coins.get("solana")),
                        Map.of("SOL", price("SOL", "0.00000001234", Instant.EPOCH)),
                        RATES,
                        SimplePriceQuery.parse("usd", null, null, null, null, null)),
                StandardCharsets.UTF_8);
        assertThat(tiny).as("never exponent notation").isEqualTo("{\"solana\":{\"usd\":0.00000001234}}");
    }

    private static Price price(String symbol, String usd, Instant at) {
        return new Price(symbol, "USD", new BigDecimal(usd), at, Tier.HOT, PriceStatus.OK, List.of(), List.of());
    }
}
