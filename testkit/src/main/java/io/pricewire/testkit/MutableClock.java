package io.pricewire.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand, so time-based behaviour (expiries, rate limits, out-of-order runs)
 * is checked without sleeping. {@link #at(Instant)} stands still until moved;
 * {@link #ticking()} follows the system clock, plus however far it was moved, for code that also
 * waits on real time (sockets, timeouts) and must see both agree.
 */
public final class MutableClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private MutableClock(Clock base) {
        this.base = base;
    }

    /** A clock standing at {@code start} until {@link #advance(Duration) advanced}. */
    public static MutableClock at(Instant start) {
        return new MutableClock(Clock.fixed(start, ZoneOffset.UTC));
    }

    /** A clock standing at the ISO-8601 instant {@code isoInstant}, e.g. {@code 2026-03-01T12:00:00Z}. */
    public static MutableClock at(String isoInstant) {
        return at(Instant.parse(isoInstant));
    }

    /** The system's UTC clock, shifted by however far it is {@link #advance(Duration) advanced}. */
    public static MutableClock ticking() {
        return new MutableClock(Clock.systemUTC());
    }

    /** Moves the clock forward by {@code by} (backward when negative: runs that finish out of order). */
    public void advance(Duration by) {
        offset.updateAndGet(o -> o.plus(by));
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Always UTC: the code under test reads instants only. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
