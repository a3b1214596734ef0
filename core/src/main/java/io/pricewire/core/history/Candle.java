package io.pricewire.core.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One bucket of an asset's USD price history: the open, high, low and close of the aggregates published in it.
 *
 * @param start     the bucket's start ({@link Resolution#bucketStart})
 * @param open      the first price published in the bucket
 * @param high      the highest
 * @param low       the lowest
 * @param close     the last
 */
public record Candle(Instant start, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {
    public Candle {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
    }
}
