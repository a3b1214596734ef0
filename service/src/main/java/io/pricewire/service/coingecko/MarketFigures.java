package io.pricewire.service.coingecko;

import io.micronaut.core.annotation.Nullable;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.price.Price;
import java.math.BigDecimal;
import java.util.List;

/**
 * Builds one {@code /coins/markets} entry from the price now and the cached history. The 24 h high and low are those
 * of the hourly candles of the last 24 h and the price now, converted at today's reference price (so in BTC they are
 * approximate, the change is not: it uses the reference's own price 24 h ago).
 */
final class MarketFigures {
    private static final long HOUR_MS = 3_600_000L;

    private MarketFigures() {}

    /**
     * The entry of {@code asset}.
     *
     * @param price          its price now, or null when it has none
     * @param week           its hourly candles of the last 7 days
     * @param referenceWeek  the currency's reference's, for the sparkline (null for USD)
     * @param sparkline      whether to add {@code sparkline_in_7d}
     * @param percentInCurrency whether to add {@code price_change_percentage_24h_in_currency}
     */
    static MarketEntry entry(
            Asset asset,
            @Nullable Price price,
            Series week,
            @Nullable Series referenceWeek,
            Rates rates,
            VsCurrency currency,
            Precision precision,
            long nowMs,
            boolean sparkline,
            boolean percentInCurrency) {
        BigDecimal current = price == null ? null : rates.convert(price.price(), currency);
        BigDecimal high = null;
        BigDecimal low = null;
        BigDecimal change = null;
        Double percent = null;
        if (current != null) {
            double usdNow = price.price().doubleValue();
            double highUsd = usdNow;
            double lowUsd = usdNow;
            boolean anyCandle = false;
            for (int i = 0; i < week.size(); i++) {
                if (week.starts()[i] >= nowMs - 24 * HOUR_MS) {
                    anyCandle = true;
                    highUsd = Math.max(highUsd, week.highs()[i]);
                    lowUsd = Math.min(lowUsd, week.lows()[i]);
                }
            }
            if (anyCandle) {
                high = rounded(rates.convert(highUsd, currency), precision);
                low = rounded(rates.convert(lowUsd, currency), precision);
            }
            Double then = rates.dayAgo(asset.symbol(), currency);
            if (then != null) {
                change = precision.apply(current.subtract(BigDecimal.valueOf(then)));
                percent = rates.changePercent(asset.symbol(), currency);
            }
        }
        CoinGeckoSparkline line = sparkline ? sparkline(week, referenceWeek, currency, nowMs) : null;
        return MarketEntry.of(
                asset,
                current == null ? null : precision.apply(current),
                high,
                low,
                change,
                percent,
                price == null ? null : price.timestamp().toString(),
                line,
                percentInCurrency ? percent : null);
    }

    private static CoinGeckoSparkline sparkline(
            Series week, @Nullable Series referenceWeek, VsCurrency currency, long nowMs) {
        List<Double> prices = ChartPoints.of(week, referenceWeek, currency, HOUR_MS, nowMs).stream()
                .map(ChartPoints.Point::price)
                .toList();
        return new CoinGeckoSparkline(prices);
    }

    @Nullable
    private static BigDecimal rounded(@Nullable Double value, Precision precision) {
        return value == null ? null : precision.apply(BigDecimal.valueOf(value));
    }
}
