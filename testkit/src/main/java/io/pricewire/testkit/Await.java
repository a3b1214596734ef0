package io.pricewire.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits on conditions instead of sleeping for a guessed time: a test goes on as soon as what it
 * waits for has happened, and a loaded machine only makes it wait longer, never fail, up to a
 * limit well beyond what the condition needs. The poll interval is also the pace at which a
 * condition with side effects (a sampler that asks the service on each call) runs.
 */
public final class Await {
    /** How often a condition is asked by default: short against the seconds tests wait for. */
    public static final Duration POLL = Duration.ofMillis(200);

    private Await() {}

    /** Returns once {@code condition} holds; throws {@link AssertionError} naming {@code what} after {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        until(what, limit, POLL, condition);
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}, asking every {@code every}. */
    public static void until(String what, Duration limit, Duration every, BooleanSupplier condition) {
        if (!within(limit, every, condition)) {
            throw new AssertionError("expected " + what + " within " + limit);
        }
    }

    /**
     * Whether {@code condition} held within {@code limit}, asked every {@code every}: for a test that
     * reports a timeout itself, with more than a timeout says (what was still missing, the last answer seen).
     */
    public static boolean within(Duration limit, Duration every, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            pause(every);
        }
        return true;
    }

    /**
     * The poll interval: what every wait here is made of. Public for loops that sample a value over a period (a
     * price's age, say), which is pacing rather than waiting for a condition.
     */
    public static void pause(Duration every) {
        try {
            Thread.sleep(every);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
