package io.pricewire.service.coingecko;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Converts USD prices into a {@link VsCurrency} with the prices Pricewire itself aggregates: a USDT price is the USD
 * price over the USDT/USD aggregate (the rate the refresh engine converts USDT quotes with), a BTC price the USD price
 * over Bitcoin's, sats that times 10^8. A currency whose reference price is unknown gives null, never a guess.
 *
 * @param usdNow    symbol → USD price now, for the coins answered and the references used
 * @param usdDayAgo symbol → USD price 24 h ago ({@link HistoryFigures#dayAgoCloses}), where the history has it
 */
public record Rates(Map<String, BigDecimal> usdNow, Map<String, Double> usdDayAgo) {

    /** {@code usd} in {@code currency}, to 16 significant digits; null when the reference price is unknown. */
    @Nullable
    public BigDecimal convert(BigDecimal usd, VsCurrency currency) {
        if (currency.reference().isEmpty()) {
            return usd;
        }
        BigDecimal reference = usdNow.get(currency.reference().get());
        if (reference == null || reference.signum() <= 0) {
            return null;
        }
        return usd.multiply(currency.unitsPerReference()).divide(reference, Precision.CONVERSION);
    }

    /** {@code usd} (a history figure) in {@code currency} at today's reference price; null when it is unknown. */
    @Nullable
    public Double convert(double usd, VsCurrency currency) {
        BigDecimal converted = convert(BigDecimal.valueOf(usd), currency);
        return converted == null ? null : converted.doubleValue();
    }

    /** {@code symbol}'s price 24 h ago in {@code currency}, converted at its reference's price then; or null. */
    @Nullable
    public Double dayAgo(String symbol, VsCurrency currency) {
        Double then = usdDayAgo.get(symbol);
        if (then == null || currency.reference().isEmpty()) {
            return then;
        }
        Double referenceThen = usdDayAgo.get(currency.reference().get());
        if (referenceThen == null || referenceThen <= 0) {
            return null;
        }
        return then * currency.unitsPerReference().doubleValue() / referenceThen;
    }

    /**
     * The change of {@code symbol}'s price in {@code currency} over 24 h, in percent: (now / then) in the currency,
     * which for a converted currency is the asset's USD change over its reference's. Null without both prices of the
     * asset and, for a converted currency, of its reference.
     */
    @Nullable
    public Double changePercent(String symbol, VsCurrency currency) {
        Double ratio = ratio(symbol);
        if (ratio == null) {
            return null;
        }
        if (currency.reference().isPresent()) {
            Double referenceRatio = ratio(currency.reference().get());
            if (referenceRatio == null) {
                return null;
            }
            ratio = ratio / referenceRatio;
        }
        return (ratio - 1) * 100;
    }

    /** now / 24 h ago in USD. */
    @Nullable
    private Double ratio(String symbol) {
        BigDecimal now = usdNow.get(symbol);
        Double then = usdDayAgo.get(symbol);
        if (now == null || then == null || then <= 0) {
            return null;
        }
        return now.doubleValue() / then;
    }
}
