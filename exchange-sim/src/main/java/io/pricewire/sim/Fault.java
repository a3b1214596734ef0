package io.pricewire.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault to inject into one simulated exchange.
 *
 * @param mode      what goes wrong
 * @param latencyMs for {@code slow}: the delay of every answer (default 5,000); for {@code stale}: how far
 *                  timestamps are backdated (default 600,000); for {@code ratelimit}: the Retry-After the
 *                  exchanges that send one announce (default 5,000, rounded up to whole seconds);
 *                  ignored otherwise; {@code null} = the default
 * @param factor    for {@code outlier}: the price multiplier (default 10); ignored otherwise; {@code null} = the default
 */
public record Fault(FaultMode mode, Long latencyMs, Double factor) {
    public static final long DEFAULT_SLOW_MS = 5_000;
    public static final long DEFAULT_STALE_MS = Duration.ofMinutes(10).toMillis();
    public static final long DEFAULT_RETRY_AFTER_MS = 5_000;
    public static final double DEFAULT_OUTLIER_FACTOR = 10.0;

    public Fault {
        Objects.requireNonNull(mode, "mode");
        if (latencyMs != null && latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must be >= 0: " + latencyMs);
        }
        if (factor != null && (!Double.isFinite(factor) || factor <= 0)) {
            throw new IllegalArgumentException("factor must be a positive finite number: " + factor);
        }
    }

    public static Fault of(FaultMode mode) {
        return new Fault(mode, null, null);
    }

    public static Fault down() {
        return of(FaultMode.DOWN);
    }

    public static Fault slow(Duration latency) {
        return new Fault(FaultMode.SLOW, latency.toMillis(), null);
    }

    public static Fault error() {
        return of(FaultMode.ERROR);
    }

    public static Fault garbage() {
        return of(FaultMode.GARBAGE);
    }

    public static Fault outlier(double factor) {
        return new Fault(FaultMode.OUTLIER, null, factor);
    }

    public static Fault stale(Duration backdate) {
        return new Fault(FaultMode.STALE, backdate.toMillis(), null);
    }

    public static Fault rateLimit() {
        return of(FaultMode.RATELIMIT);
    }

    public static Fault silent() {
        return of(FaultMode.SILENT);
    }

    /**
     * The same fault with the mode's defaults filled in and the parameters the mode ignores dropped;
     * this is what the control API echoes and lists.
     */
    public Fault resolved() {
        return switch (mode) {
            case SLOW -> new Fault(mode, latencyMs == null ? DEFAULT_SLOW_MS : latencyMs, null);
            case STALE -> new Fault(mode, latencyMs == null ? DEFAULT_STALE_MS : latencyMs, null);
            case RATELIMIT -> new Fault(mode, latencyMs == null ? DEFAULT_RETRY_AFTER_MS : latencyMs, null);
            case OUTLIER -> new Fault(mode, null, factor == null ? DEFAULT_OUTLIER_FACTOR : factor);
            case DOWN, ERROR, GARBAGE, SILENT -> new Fault(mode, null, null);
        };
    }

    /** Reads like the control API: {@code slow(latencyMs=5000)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(mode.label());
        if (latencyMs != null || factor != null) {
            sb.append('(');
            if (latencyMs != null) {
                sb.append("latencyMs=").append(latencyMs);
            }
            if (factor != null) {
                sb.append(latencyMs != null ? ", " : "").append("factor=").append(factor);
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
