package io.pricewire.sim.market;

import java.time.Instant;

/**
 * The hidden true USD prices at one tick. Immutable once published: the ticker builds a new one per
 * step, so request threads read a consistent set without locking.
 */
public final class MarketSnapshot {
    private final double[] usd;
    private final Instant at;
    private final long tick;

    MarketSnapshot(double[] usd, Instant at, long tick) {
        this.usd = usd;
        this.at = at;
        this.tick = tick;
    }

    /** True USD price of the asset at {@code index} (the universe's rank order). */
    public double usd(int index) {
        return usd[index];
    }

    public int size() {
        return usd.length;
    }

    /** When this step was taken. */
    public Instant at() {
        return at;
    }

    /** How many steps the walk has taken (0 = the base prices). */
    public long tick() {
        return tick;
    }
}
