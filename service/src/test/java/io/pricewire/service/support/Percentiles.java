package io.pricewire.service.support;

import java.util.List;
import java.util.Locale;

/** Percentiles of a run of samples (latencies, ages), nearest-rank: {@code p(0.99)} is a sample that was seen. */
public record Percentiles(List<Long> sorted) {

    public Percentiles {
        sorted = sorted.stream().sorted().toList();
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
    }

    public static Percentiles of(List<Long> samples) {
        return new Percentiles(samples);
    }

    public int count() {
        return sorted.size();
    }

    /** The smallest sample at or above the {@code q} quantile (0 < q ≤ 1). */
    public long p(double q) {
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public long max() {
        return sorted.getLast();
    }

    /** Nanosecond samples as milliseconds, e.g. {@code n=120 p50=1.2 ms p99=8.0 ms max=9.3 ms}. */
    public String nanosAsMillis() {
        return String.format(
                Locale.ROOT,
                "n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms",
                count(),
                p(0.50) / 1e6,
                p(0.99) / 1e6,
                max() / 1e6);
    }
}
