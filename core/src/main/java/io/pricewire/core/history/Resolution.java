package io.pricewire.core.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The bucket sizes of the price history, and how long each is kept.
 *
 * <p>A bucket starts at a multiple of its width since the epoch (UTC), so every writer of the fleet and the cold
 * Lambda put the same price into the same bucket without agreeing on anything.
 */
public enum Resolution {
    /** One-minute buckets, kept 48 hours. */
    MINUTE("1m", Duration.ofMinutes(1), Optional.of(Duration.ofHours(48))),
    /** Hourly buckets, kept one year. */
    HOUR("1h", Duration.ofHours(1), Optional.of(Duration.ofDays(365))),
    /** Daily buckets, kept forever. */
    DAY("1d", Duration.ofDays(1), Optional.empty());

    private final String code;
    private final Duration width;
    private final Optional<Duration> retention;

    Resolution(String code, Duration width, Optional<Duration> retention) {
        this.code = code;
        this.width = width;
        this.retention = retention;
    }

    /** The API's name of this resolution ({@code 1m}, {@code 1h}, {@code 1d}). */
    public String code() {
        return code;
    }

    public Duration width() {
        return width;
    }

    /** How long a bucket is kept after it starts; empty = forever. */
    public Optional<Duration> retention() {
        return retention;
    }

    /** The start of the bucket that holds {@code at}. */
    public Instant bucketStart(Instant at) {
        long widthMillis = width.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), widthMillis) * widthMillis);
    }

    /** The resolution named {@code code} in the API, if any. */
    public static Optional<Resolution> ofCode(String code) {
        for (Resolution resolution : values()) {
            if (resolution.code.equals(code)) {
                return Optional.of(resolution);
            }
        }
        return Optional.empty();
    }
}
