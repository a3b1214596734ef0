package io.pricewire.core.history;

import java.time.Instant;
import java.util.List;

/** Reads an asset's price history: the port the API answers history, 24 h change and charts from. */
public interface HistoryReader {
    /**
     * The candles of {@code symbol} at {@code resolution} whose buckets start in {@code [from, to]}, oldest first.
     * Buckets nobody published a price in are absent (no filling). Empty for an unknown symbol.
     *
     * @param limit at most this many candles, the oldest ones
     */
    List<Candle> candles(String symbol, Resolution resolution, Instant from, Instant to, int limit);
}
