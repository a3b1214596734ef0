package io.pricewire.sim.exchange;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Timestamps as the streams print them. */
final class StreamTimes {
    /** Coinbase {@code time} and Kraken {@code timestamp}: RFC 3339 UTC with microseconds ({@code 2022-10-19T23:28:22.061769Z}). */
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private StreamTimes() {}

    /**
     * {@code timeMs} with microseconds: the sim's clock counts milliseconds, so a per-message {@code jitter}
     * (any number; its last three digits are used) fills the microseconds the way real stamps do.
     */
    static String micros(long timeMs, long jitter) {
        return MICROS.format(Instant.ofEpochMilli(timeMs).plusNanos(Math.floorMod(jitter, 1000L) * 1000L));
    }

    /** Now with microseconds, for acks ({@code time_in}, {@code time_out}). */
    static String micros(Instant now) {
        return MICROS.format(now);
    }
}
