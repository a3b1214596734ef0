package io.pricewire.sim.exchange;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The trading rules a listing endpoint publishes for one pair: price tick, quantity step and minimums.
 * Derived once from the pair's opening price, so they suit its price level the way real exchanges size
 * them (a tick of 0.001 for BTC, finer for a coin worth a fraction of a cent).
 *
 * @param magnitude     the opening price's power of ten (4 for 95,000; -4 for 0.0002)
 * @param priceDecimals decimals of the price tick; eight significant digits at the opening price, as the
 *                      sim prints prices
 * @param qtyDecimals   decimals of the quantity step (0 to 8): coarser the cheaper the asset
 * @param minQty        smallest order size: about one quote unit's worth, a power of ten
 */
record PairRules(int magnitude, int priceDecimals, int qtyDecimals, BigDecimal minQty) {
    private static final int SIGNIFICANT_DIGITS = 8;
    private static final int MAX_PRICE_DECIMALS = 12;
    private static final int MAX_QTY_DECIMALS = 8;

    PairRules {
        if (priceDecimals < 0 || qtyDecimals < 0 || minQty.signum() <= 0) {
            throw new IllegalArgumentException(
                    "invalid pair rules: " + priceDecimals + ", " + qtyDecimals + ", " + minQty);
        }
    }

    /** Rules for a pair that opens at {@code price} (in its quote currency). */
    static PairRules forPrice(double price) {
        if (!(price > 0) || !Double.isFinite(price)) {
            throw new IllegalArgumentException("price must be positive: " + price);
        }
        int magnitude = (int) Math.floor(Math.log10(price));
        int priceDecimals = clamp(SIGNIFICANT_DIGITS - 1 - magnitude, 0, MAX_PRICE_DECIMALS);
        int qtyDecimals = clamp(magnitude + 4, 0, MAX_QTY_DECIMALS);
        int minQtyExponent = (int) Math.ceil(Math.log10(1 / price));
        BigDecimal minQty = BigDecimal.ONE.movePointRight(minQtyExponent).max(step(qtyDecimals));
        return new PairRules(magnitude, priceDecimals, qtyDecimals, minQty.stripTrailingZeros());
    }

    BigDecimal tickSize() {
        return step(priceDecimals);
    }

    BigDecimal stepSize() {
        return step(qtyDecimals);
    }

    /** Highest order price accepted: three powers of ten above the opening price, at least 1,000. */
    BigDecimal maxPrice() {
        return BigDecimal.ONE.movePointRight(Math.max(magnitude, 0) + 3);
    }

    /** Largest order size: worth some ten million quote units at the opening price. */
    BigDecimal maxQty() {
        return BigDecimal.ONE.movePointRight(clamp(7 - magnitude, 3, 12));
    }

    /** A number with at least {@code scale} decimals, the way Binance pads its filters ({@code 0.00100000}). */
    static String padded(BigDecimal value, int scale) {
        BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < scale ? v.setScale(scale, RoundingMode.UNNECESSARY) : v).toPlainString();
    }

    /** A number without trailing zeros or exponent ({@code 0.001}, {@code 10}). */
    static String plain(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0, RoundingMode.UNNECESSARY) : v).toPlainString();
    }

    private static BigDecimal step(int decimals) {
        return BigDecimal.ONE.movePointLeft(decimals);
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
