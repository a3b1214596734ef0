package io.pricewire.sim.exchange;

import java.util.ArrayDeque;

/** OKX's public limit: at most {@code limit} requests in any window of {@code windowMs}. */
final class SlidingWindow {
    private final int limit;
    private final long windowMs;
    private final ArrayDeque<Long> times = new ArrayDeque<>();

    SlidingWindow(int limit, long windowMs) {
        this.limit = limit;
        this.windowMs = windowMs;
    }

    synchronized boolean tryAcquire(long nowMs) {
        while (!times.isEmpty() && times.peekFirst() <= nowMs - windowMs) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(nowMs);
        return true;
    }
}
