package io.pricewire.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Bounded polling for tests. */
public final class Await {
    private Await() {
    }

    public static void until(String what, Duration limit, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what + " within " + limit).isBefore(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Waits for {@code /health/readiness} to answer 200 (warm-up done). */
    public static void ready(Http http) {
        until("readiness", Duration.ofSeconds(60), () -> http.get("/health/readiness").status() == 200);
    }

    /** Latency figures of a run of requests, in ms. */
    public static String percentiles(java.util.List<Long> nanos) {
        java.util.List<Long> sorted = nanos.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return "no samples";
        }
        return String.format("n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", sorted.size(),
                sorted.get(sorted.size() / 2) / 1e6, sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
    }
}
