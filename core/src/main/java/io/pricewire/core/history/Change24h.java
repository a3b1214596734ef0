package io.pricewire.core.history;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The 24-hour change of a price: its percent difference from the price 24 hours before it. */
public final class Change24h {
    /** How far back the reference price is. */
    public static final Duration AGO = Duration.ofHours(24);

    /**
     * How far before {@code AGO} a reference may lie: the cold tier has one point per 5 minutes, and a bucket may be
     * missing when an asset was not refreshed for a while. Older than this, there is no reference.
     */
    public static final Duration WINDOW = Duration.ofMinutes(10);

    /** Two decimals: percent changes are read to a hundredth, and more digits would only make the answers longer. */
    static final int SCALE = 2;

    private Change24h() {}

    /** {@code (now - then) / then × 100}, two decimals, half-even; empty when {@code then} is zero. */
    public static Optional<BigDecimal> percent(BigDecimal now, BigDecimal then) {
        if (then.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(
                now.subtract(then).multiply(BigDecimal.valueOf(100)).divide(then, SCALE, RoundingMode.HALF_EVEN));
    }

    /** The earliest minute bucket that may hold the reference of a price at {@code at}. */
    public static Instant windowStart(Instant at) {
        return Resolution.MINUTE.bucketStart(at.minus(AGO).minus(WINDOW));
    }

    /** The latest minute bucket that may hold it: the one 24 hours before. */
    public static Instant windowEnd(Instant at) {
        return Resolution.MINUTE.bucketStart(at.minus(AGO));
    }
}
