package io.pricewire.core.exchange.stream;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One ticker reading from a stream.
 *
 * @param name      the listing's name as {@link StreamProtocol#streamName} gives it
 * @param price     the last price, positive
 * @param eventTime the exchange's time for it, never later than when it was received
 * @param volume    the 24 h base volume, or {@code null} when the exchange sent none usable
 */
public record StreamTick(String name, BigDecimal price, Instant eventTime, BigDecimal volume) {
    public StreamTick {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(eventTime, "eventTime");
        if (price == null || price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive: " + price);
        }
    }
}
