package io.pricewire.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits on conditions instead of sleeping for a guessed time: a test goes on as soon as what it
 * waits for has happened, and a loaded machine only makes it wait longer, never fail, up to a
 * limit well beyond what the condition needs. The poll interval is also the pace at which a
 * condition with side effects (a sampler that asks the service on each call) runs.
 */
public final class Await {
    /** How often a condition is asked by default: short against the seconds tests wait for. */
    public static final Duration POLL = Duration.ofMillis(200);

    private Await() {
    }

    /** Returns once {@code condition} holds; throws {@link AssertionError} naming {@code what} after {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        until(what, limit, POLL, condition);
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}, asking every {@code every}. */
    public static void until(String what, Duration limit, Duration every, BooleanSupplier condition) {
        value(what, limit, every, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
    }

    /** The first value {@code probe} offers, asked every {@link #POLL}; throws {@link AssertionError} after {@code limit}. */
    public static <T> T value(String what, Duration limit, Supplier<Optional<T>> probe) {
        return value(what, limit, POLL, probe);
    }

    /** As {@link #value(String, Duration, Supplier)}, asking every {@code every}. */
    public static <T> T value(String what, Duration limit, Duration every, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("expected " + what + " within " + limit);
            }
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
