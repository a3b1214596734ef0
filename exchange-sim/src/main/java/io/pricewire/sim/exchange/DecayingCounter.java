package io.pricewire.sim.exchange;

/**
 * Kraken's public limit: every call adds 1 to a counter that drains at {@code decayPerSecond}; a call
 * that would lift it above {@code max} is refused (and adds nothing).
 */
final class DecayingCounter {
    private final double max;
    private final double decayPerMs;
    private double counter;
    private long lastMs = Long.MIN_VALUE;

    DecayingCounter(int max, double decayPerSecond) {
        this.max = max;
        this.decayPerMs = decayPerSecond / 1000.0;
    }

    synchronized boolean tryCall(long nowMs) {
        if (lastMs != Long.MIN_VALUE && nowMs > lastMs) {
            counter = Math.max(0, counter - (nowMs - lastMs) * decayPerMs);
        }
        lastMs = Math.max(lastMs, nowMs);
        if (counter + 1 > max) {
            return false;
        }
        counter += 1;
        return true;
    }
}
