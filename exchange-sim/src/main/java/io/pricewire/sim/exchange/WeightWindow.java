package io.pricewire.sim.exchange;

import java.util.ArrayDeque;

/**
 * Binance's request-weight limit for one client: weight used in the rolling last minute (kept per
 * second), the back-off a 429 announces, and the 418 ban for a client that keeps calling through it.
 */
final class WeightWindow {
    /**
     * Calls made during an announced back-off before the ban: a few tolerate requests that were already in
     * flight when the 429 went out; a client that really ignores Retry-After is banned soon after.
     */
    static final int IGNORED_CALLS_BEFORE_BAN = 3;

    private static final long MINUTE_MS = 60_000;

    /** What happened to one request. */
    record Verdict(Outcome outcome, long usedWeight, long retryAfterSeconds) {}

    enum Outcome {
        OK,
        LIMITED,
        BANNED
    }

    private final long limit;
    private final long banMs;
    private final boolean enforce;
    /** (epoch second, weight) pairs, oldest first. */
    private final ArrayDeque<long[]> seconds = new ArrayDeque<>();

    private long used;
    private long backoffUntilMs;
    private long bannedUntilMs;
    private int ignoredCalls;

    WeightWindow(long limit, long banMs, boolean enforce) {
        this.limit = limit;
        this.banMs = banMs;
        this.enforce = enforce;
    }

    synchronized Verdict charge(long weight, long nowMs) {
        expire(nowMs);
        if (enforce) {
            if (nowMs < bannedUntilMs) {
                return new Verdict(Outcome.BANNED, used, ceilSeconds(bannedUntilMs - nowMs));
            }
            if (nowMs < backoffUntilMs) {
                ignoredCalls++;
                if (ignoredCalls >= IGNORED_CALLS_BEFORE_BAN) {
                    bannedUntilMs = nowMs + banMs;
                    return new Verdict(Outcome.BANNED, used, ceilSeconds(banMs));
                }
                return new Verdict(Outcome.LIMITED, used, ceilSeconds(backoffUntilMs - nowMs));
            }
            if (used + weight > limit) {
                backoffUntilMs = nowMs + msUntilFits(weight, nowMs);
                ignoredCalls = 0;
                return new Verdict(Outcome.LIMITED, used, ceilSeconds(backoffUntilMs - nowMs));
            }
        }
        long second = Math.floorDiv(nowMs, 1000);
        long[] last = seconds.peekLast();
        if (last != null && last[0] == second) {
            last[1] += weight;
        } else {
            seconds.addLast(new long[] {second, weight});
        }
        used += weight;
        return new Verdict(Outcome.OK, used, 0);
    }

    private void expire(long nowMs) {
        long oldestKept = Math.floorDiv(nowMs - MINUTE_MS, 1000) + 1;
        while (!seconds.isEmpty() && seconds.peekFirst()[0] < oldestKept) {
            used -= seconds.pollFirst()[1];
        }
    }

    /** How long until enough old weight has rolled out of the minute for {@code weight} to fit. */
    private long msUntilFits(long weight, long nowMs) {
        long remaining = used;
        for (long[] bucket : seconds) {
            remaining -= bucket[1];
            if (remaining + weight <= limit) {
                return Math.max(1, bucket[0] * 1000 + MINUTE_MS - nowMs);
            }
        }
        return MINUTE_MS;
    }

    private static long ceilSeconds(long ms) {
        return Math.max(1, (ms + 999) / 1000);
    }
}
