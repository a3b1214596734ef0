package io.pricewire.sim.market;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Number formatting shared by the dialects: plain decimal strings, never an exponent. */
public final class Decimals {
    private static final MathContext EIGHT_DIGITS = new MathContext(8, RoundingMode.HALF_EVEN);

    private Decimals() {}

    /** Eight significant digits, trailing zeros dropped: {@code 95012.346}, {@code 0.000021034}. */
    public static String plain(double value) {
        return round(value).toPlainString();
    }

    /**
     * Eight significant digits padded to at least {@code minScale} decimals, the way Binance and Kraken
     * print fixed-precision numbers ({@code 95012.34600000}); never drops a significant digit.
     */
    public static String padded(double value, int minScale) {
        BigDecimal rounded = round(value);
        return rounded.scale() < minScale ? rounded.setScale(minScale).toPlainString() : rounded.toPlainString();
    }

    /** Exactly {@code scale} decimals, for quantities where Binance prints a fixed precision ({@code 0.02773247}). */
    public static String fixed(double value, int scale) {
        return new BigDecimal(value).setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Eight significant digits as a {@link BigDecimal}, trailing zeros dropped. */
    public static BigDecimal round(double value) {
        if (value == 0.0) {
            return BigDecimal.ZERO;
        }
        BigDecimal rounded = new BigDecimal(value).round(EIGHT_DIGITS).stripTrailingZeros();
        // stripTrailingZeros turns 95000 into 9.5E+4; a non-negative scale keeps toPlainString short and exact
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
