package io.pricewire.core.aggregate;

import io.pricewire.core.price.Price;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the {@link Aggregator}'s jump hold needs to remember between readings, per asset: the last accepted price (the
 * reference a new aggregate is measured against) and the jump the previous reading held, if any. The rule itself is
 * the Aggregator's, pure; this class only keeps its memory, so one broken exchange cannot move the price of an asset
 * it alone lists on one reading.
 *
 * <ul>
 *   <li>An accepted aggregate becomes the reference and ends any hold.</li>
 *   <li>A held one leaves the reference as it was and becomes the pending jump the next reading may confirm.</li>
 *   <li>A reading with no usable quote changes nothing.</li>
 *   <li>A reference older than {@code maxAge} is forgotten with its pending jump: with no recent price to compare
 *       with, nothing is held. This also bounds a hold that is never confirmed (say a source that jumps somewhere else
 *       on every reading): once the reference is {@code maxAge} old the plain rule publishes again.</li>
 * </ul>
 *
 * <p>The memory is per process: a fresh process (a restart, a new Lambda container) holds nothing on its first
 * reading of an asset. Each asset's read and update of its memory is one atomic step, so two refreshes of one
 * asset that race each other still count as two readings in a row.
 */
public final class JumpGuard {

    /** What one aggregation is measured against; either part may be {@code null}. */
    public record Baseline(Price reference, PendingJump pending) {}

    /** One aggregation of an asset, given its baseline. */
    @FunctionalInterface
    public interface Aggregate {
        Aggregation with(Price reference, PendingJump pending);
    }

    private final Duration maxAge;
    private final Map<String, Baseline> states = new ConcurrentHashMap<>();

    /** @param maxAge how old a reference (by its timestamp) may be and still count */
    public JumpGuard(Duration maxAge) {
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be > 0: " + maxAge);
        }
    }

    /**
     * Runs {@code aggregate} with the asset's recent baseline and remembers what it accepted or held.
     *
     * @param now the aggregation's {@code now}, against which the baseline's age is measured
     */
    public Aggregation aggregate(String symbol, Instant now, Aggregate aggregate) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(now, "now");
        Aggregation[] result = new Aggregation[1];
        states.compute(symbol, (s, state) -> {
            Baseline baseline = baseline(state, now);
            Aggregation aggregation = aggregate.with(baseline.reference(), baseline.pending());
            result[0] = aggregation;
            if (aggregation.accepted()) {
                return new Baseline(aggregation.price(), null);
            }
            if (aggregation.held() != null) {
                return new Baseline(baseline.reference(), aggregation.held());
            }
            return state;
        });
        return result[0];
    }

    /** The recent part of what is remembered of {@code symbol} at {@code now}. */
    public Baseline baseline(String symbol, Instant now) {
        return baseline(states.get(symbol), now);
    }

    private Baseline baseline(Baseline state, Instant now) {
        if (state == null
                || state.reference() == null
                || state.reference().age(now).compareTo(maxAge) > 0) {
            return new Baseline(null, null);
        }
        // a pending jump is always newer than the reference (accepting a price ends the hold), so it is recent too
        return state;
    }
}
