package io.pricewire.core.aggregate;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How quotes become one price.
 *
 * @param quorum            distinct exchanges needed for {@code ok}; fewer usable ones give {@code degraded}
 * @param outlierBand       relative half-width of the band around the median inside which a quote counts as
 *                          agreeing, e.g. {@code 0.05} = ±5 %; strictly between 0 and 1
 * @param significantDigits digits kept in published prices (aggregate and per-source USD prices), 1–34; sources
 *                          agree to a few digits at best, so more digits are noise that only makes payloads longer
 * @param jumpThreshold     relative distance from the last accepted price beyond which an aggregate that fewer than two
 *                          agreeing exchanges stand behind is held until confirmed, e.g. {@code 0.20} = 20 %; > 0
 *                          (see {@link Aggregator} and {@link JumpGuard})
 */
public record AggregationPolicy(int quorum, BigDecimal outlierBand, int significantDigits, BigDecimal jumpThreshold) {

    public static final int DEFAULT_QUORUM = 2;
    public static final BigDecimal DEFAULT_OUTLIER_BAND = new BigDecimal("0.05");
    public static final int DEFAULT_SIGNIFICANT_DIGITS = 10;
    /** Wider than any band two honest exchanges disagree by, narrower than the ×2 and ×10 of a broken feed. */
    public static final BigDecimal DEFAULT_JUMP_THRESHOLD = new BigDecimal("0.20");

    public AggregationPolicy {
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be >= 1: " + quorum);
        }
        Objects.requireNonNull(outlierBand, "outlierBand");
        if (outlierBand.signum() <= 0 || outlierBand.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("outlierBand must be in (0, 1): " + outlierBand);
        }
        if (significantDigits < 1 || significantDigits > 34) {
            throw new IllegalArgumentException("significantDigits must be 1..34: " + significantDigits);
        }
        Objects.requireNonNull(jumpThreshold, "jumpThreshold");
        if (jumpThreshold.signum() <= 0) {
            throw new IllegalArgumentException("jumpThreshold must be > 0: " + jumpThreshold);
        }
    }

    public AggregationPolicy(int quorum, BigDecimal outlierBand, int significantDigits) {
        this(quorum, outlierBand, significantDigits, DEFAULT_JUMP_THRESHOLD);
    }

    public AggregationPolicy(int quorum, BigDecimal outlierBand) {
        this(quorum, outlierBand, DEFAULT_SIGNIFICANT_DIGITS);
    }

    /** Quorum 2, ±5 % band, 10 significant digits, 20 % jump threshold. */
    public static AggregationPolicy defaults() {
        return new AggregationPolicy(
                DEFAULT_QUORUM, DEFAULT_OUTLIER_BAND, DEFAULT_SIGNIFICANT_DIGITS, DEFAULT_JUMP_THRESHOLD);
    }
}
