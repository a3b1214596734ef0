package io.pricewire.service.coingecko;

import io.micronaut.core.annotation.Nullable;
import io.pricewire.core.history.Resolution;
import java.time.Duration;
import java.util.Locale;

/**
 * How far back a {@code market_chart} reaches and at which granularity, CoinGecko's rule: 5-minutely for up to one
 * day, hourly up to 90 days, daily beyond; {@code interval} ({@code 5m}, {@code hourly}, {@code daily}) asks for one at
 * any span (5-minutely only reaches back as far as the minute candles are kept, 48 h).
 *
 * @param span       from now back
 * @param resolution the candles read
 * @param step       one point per step: the close of the last candle in it, stamped at the step's end
 */
record ChartSpan(Duration span, Resolution resolution, Duration step) {
    /** {@code days=max}: since the epoch. */
    static final Duration MAX = Duration.ofDays(365L * 100);

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final double HOURLY_UP_TO_DAYS = 90;

    /** The span of {@code days} (a positive number, or {@code max}) and {@code interval}; a bad value is a 400. */
    static ChartSpan parse(String days, @Nullable String interval) {
        Duration span = parseDays(days);
        String wanted = interval == null ? "" : interval.trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "daily" -> of(span, Resolution.DAY);
            case "hourly" -> of(span, Resolution.HOUR);
            case "5m" -> new ChartSpan(span, Resolution.MINUTE, FIVE_MINUTES);
            case "" -> {
                if (span.compareTo(Duration.ofDays(1)) <= 0) {
                    yield new ChartSpan(span, Resolution.MINUTE, FIVE_MINUTES);
                }
                yield of(span, span.toMillis() <= HOURLY_UP_TO_DAYS * 86_400_000L ? Resolution.HOUR : Resolution.DAY);
            }
            default ->
                throw CoinGeckoException.badRequest("invalid interval: use 5m, hourly or daily, or leave it out");
        };
    }

    private static ChartSpan of(Duration span, Resolution resolution) {
        return new ChartSpan(span, resolution, resolution.width());
    }

    private static Duration parseDays(String days) {
        String trimmed = days.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("max")) {
            return MAX;
        }
        try {
            double value = Double.parseDouble(trimmed);
            if (value > 0 && value <= MAX.toDays()) {
                return Duration.ofMillis(Math.round(value * 86_400_000d));
            }
        } catch (NumberFormatException e) {
            // answered below, as any other value that is no number of days
        }
        throw CoinGeckoException.badRequest("invalid days: use a positive number of days or max");
    }
}
