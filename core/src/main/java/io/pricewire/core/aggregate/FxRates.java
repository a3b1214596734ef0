package io.pricewire.core.aggregate;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * USD value of one unit of each quote currency, e.g. {@code USDT → 0.9994}: the current USDT/USD and USDC/USD
 * aggregates. USD itself is always 1; any other currency without a rate has no conversion at all, so that a
 * stablecoin is never silently taken at par.
 *
 * @param usdPerUnit currency (case-insensitive) → USD per unit, every rate > 0
 */
public record FxRates(Map<String, BigDecimal> usdPerUnit) {

    public static final String USD = "USD";

    public FxRates {
        Map<String, BigDecimal> normalised = new HashMap<>();
        usdPerUnit.forEach((currency, rate) -> {
            if (currency == null || rate == null) {
                throw new IllegalArgumentException("FX rates need a currency and a rate: " + currency + "=" + rate);
            }
            if (rate.signum() <= 0) {
                throw new IllegalArgumentException("FX rate must be > 0: " + currency + "=" + rate);
            }
            normalised.put(currency.toUpperCase(Locale.ROOT), rate);
        });
        usdPerUnit = Map.copyOf(normalised);
    }

    /** Rates for the two stablecoins Pricewire converts; a {@code null} rate means "not known" and is left out. */
    public static FxRates of(BigDecimal usdtUsd, BigDecimal usdcUsd) {
        Map<String, BigDecimal> rates = new HashMap<>();
        if (usdtUsd != null) {
            rates.put("USDT", usdtUsd);
        }
        if (usdcUsd != null) {
            rates.put("USDC", usdcUsd);
        }
        return new FxRates(rates);
    }

    /** No rates: only USD quotes can be used. */
    public static FxRates usdOnly() {
        return new FxRates(Map.of());
    }

    /** USD per unit of {@code currency}: 1 for USD, the rate where one is known, else empty. */
    public Optional<BigDecimal> usdPerUnit(String currency) {
        if (currency == null) {
            return Optional.empty();
        }
        String c = currency.toUpperCase(Locale.ROOT);
        return USD.equals(c) ? Optional.of(BigDecimal.ONE) : Optional.ofNullable(usdPerUnit.get(c));
    }
}
