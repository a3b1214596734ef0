package io.pricewire.core.store;

import java.time.Duration;

/**
 * How {@link WriteBehindQueue} drains into the store.
 *
 * @param capacity        symbols that may wait at once; one entry per symbol (a newer price replaces the
 *                        queued one), so the bound is only reached when more symbols than this wait
 * @param workers         concurrent conditional writes (virtual threads: a cold run queues thousands at once)
 * @param breakerOpenFor  how long the store is left alone once most recent writes failed
 */
public record WriteBehindSettings(int capacity, int workers, Duration breakerOpenFor) {
    public static final WriteBehindSettings DEFAULT = new WriteBehindSettings(20_000, 16, Duration.ofSeconds(10));

    public WriteBehindSettings {
        if (capacity < 1 || workers < 0) {
            throw new IllegalArgumentException("capacity must be >= 1 and workers >= 0");
        }
        if (breakerOpenFor.isNegative() || breakerOpenFor.isZero()) {
            throw new IllegalArgumentException("breakerOpenFor must be positive");
        }
    }
}
