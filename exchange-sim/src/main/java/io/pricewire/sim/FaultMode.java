package io.pricewire.sim;

import java.util.Locale;

/** The ways a simulated exchange can misbehave, over REST and streams; at most one is active per exchange. */
public enum FaultMode {
    /** The exchange stops listening: clients see connection refused. */
    DOWN,
    /** Every answer is delayed by {@link Fault#latencyMs()} (default 5 s). */
    SLOW,
    /** Every request gets a 5xx with the exchange's error body. */
    ERROR,
    /** HTTP 200 whose body is truncated JSON. */
    GARBAGE,
    /** Prices are multiplied by {@link Fault#factor()} (default 10). */
    OUTLIER,
    /** Prices freeze at the moment the fault is set; timestamps are backdated by {@link Fault#latencyMs()} (default 10 min). */
    STALE,
    /** Every request gets the exchange's rate-limit answer. */
    RATELIMIT,
    /**
     * Connected but mute, the most common real failure: streams stay open, acknowledge subscriptions and answer
     * pings but send no data (no tickers, no heartbeats); REST requests are accepted and never answered.
     */
    SILENT;

    /** The lowercase name used by the control API. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a label case-insensitively; throws {@link IllegalArgumentException} for anything else. */
    public static FaultMode fromLabel(String label) {
        for (FaultMode m : values()) {
            if (m.label().equalsIgnoreCase(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown fault mode: " + label
                + " (expected one of down, slow, error, garbage, outlier, stale, ratelimit, silent)");
    }
}
