package io.pricewire.service.coingecko;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * CoinGecko's {@code precision} parameter: {@code full}, or 0 to 18 decimal places of the price values. Absent, values
 * are answered as {@code full}: every digit of the aggregate, and 16 significant digits of a converted value (a double's
 * worth, which is what CoinGecko's clients parse them into).
 *
 * @param decimals the decimal places, or -1 for full
 */
public record Precision(int decimals) {
    /** Sixteen significant digits: what a converted value keeps before any rounding asked for. */
    static final MathContext CONVERSION = MathContext.DECIMAL64;

    public static final Precision FULL = new Precision(-1);
    private static final int MAX_DECIMALS = 18;

    public Precision {
        if (decimals < -1 || decimals > MAX_DECIMALS) {
            throw new IllegalArgumentException("precision must be full or 0 to 18: " + decimals);
        }
    }

    /** The parameter's value: null or blank = full; {@code full}; 0–18. Anything else is a 400. */
    public static Precision parse(String raw) {
        if (raw == null || raw.isBlank() || raw.trim().equalsIgnoreCase("full")) {
            return FULL;
        }
        String trimmed = raw.trim();
        if (trimmed.length() <= 2 && trimmed.chars().allMatch(Character::isDigit)) {
            int decimals = Integer.parseInt(trimmed);
            if (decimals <= MAX_DECIMALS) {
                return new Precision(decimals);
            }
        }
        throw CoinGeckoException.badRequest("Invalid value for precision: use full or 0 to 18");
    }

    /** {@code value} rounded half-up to the decimal places asked for, without trailing zeros. */
    public BigDecimal apply(BigDecimal value) {
        BigDecimal rounded = decimals < 0 ? value : value.setScale(decimals, RoundingMode.HALF_UP);
        BigDecimal stripped = rounded.stripTrailingZeros();
        // 100 would strip to 1E+2: keep integers at scale 0 so they are written as plain integers
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
