package io.pricewire.core.price;

import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.ExchangeId;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the fields of a stored price (Redis, the {@code prices} channel, DynamoDB) written by any
 * version of Pricewire. During a rolling deploy an older instance reads what a newer one wrote, so
 * a label it does not know is not an error: an unknown exchange's entry is skipped, an unknown
 * tier is taken as cold (the read path sets the current tier anyway), an unknown status as
 * degraded. A decimal is bounded, so a corrupt or hostile record cannot make a number that costs
 * megabytes to print ({@code 1E+999999999}).
 */
public final class StoredFields {
    /** Digits and scale far beyond any real price (the aggregator publishes 12 significant digits). */
    static final int MAX_DIGITS = 40;

    static final int MAX_SCALE = 40;
    private static final int MAX_LENGTH = 2 * MAX_DIGITS;

    private StoredFields() {}

    /** The exchange of a source or rejected entry, or empty when this version does not know it. */
    public static Optional<ExchangeId> exchange(String label) {
        for (ExchangeId e : ExchangeId.values()) {
            if (e.label().equalsIgnoreCase(label)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public static Tier tier(String label) {
        for (Tier t : Tier.values()) {
            if (t.label().equalsIgnoreCase(label)) {
                return t;
            }
        }
        return Tier.COLD;
    }

    public static PriceStatus status(String label) {
        return PriceStatus.OK.label().equalsIgnoreCase(label) ? PriceStatus.OK : PriceStatus.DEGRADED;
    }

    /** A positive-or-zero plain decimal within {@link #MAX_DIGITS} and {@link #MAX_SCALE}; else {@link IllegalArgumentException}. */
    public static BigDecimal decimal(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("not a stored decimal: " + abbreviate(text));
        }
        BigDecimal d;
        try {
            d = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal: " + abbreviate(text), e);
        }
        if (d.precision() > MAX_DIGITS || Math.abs(d.scale()) > MAX_SCALE) {
            throw new IllegalArgumentException("decimal out of range: " + abbreviate(text));
        }
        if (d.signum() < 0) {
            throw new IllegalArgumentException("negative price: " + abbreviate(text));
        }
        return d;
    }

    /** A signed decimal within the same bounds ({@code change24h}); else {@link IllegalArgumentException}. */
    public static BigDecimal signedDecimal(String text) {
        if (text != null && text.startsWith("-")) {
            return decimal(text.substring(1)).negate();
        }
        return decimal(text);
    }

    private static String abbreviate(String text) {
        return text == null
                ? "null"
                : text.length() <= 24 ? text : text.substring(0, 24).toLowerCase(Locale.ROOT) + "…";
    }
}
