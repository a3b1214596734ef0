package io.pricewire.service.coingecko;

import io.pricewire.core.history.Candle;
import java.util.Arrays;
import java.util.List;

/**
 * Candles of one asset in USD, compactly: a cached week of hourly candles is four primitive arrays (5 KB) rather than
 * 170 candle objects of four {@code BigDecimal}s each, so caching every asset's stays a few megabytes.
 *
 * @param starts bucket starts, epoch ms, oldest first
 * @param highs  each bucket's highest price
 * @param lows   each bucket's lowest price
 * @param closes each bucket's last price
 */
public record Series(long[] starts, double[] highs, double[] lows, double[] closes) {
    public static final Series EMPTY = new Series(new long[0], new double[0], new double[0], new double[0]);

    /** The series of {@code candles}, oldest first as the history reader gives them. */
    public static Series of(List<Candle> candles) {
        int n = candles.size();
        long[] starts = new long[n];
        double[] highs = new double[n];
        double[] lows = new double[n];
        double[] closes = new double[n];
        for (int i = 0; i < n; i++) {
            Candle c = candles.get(i);
            starts[i] = c.start().toEpochMilli();
            highs[i] = c.high().doubleValue();
            lows[i] = c.low().doubleValue();
            closes[i] = c.close().doubleValue();
        }
        return new Series(starts, highs, lows, closes);
    }

    public int size() {
        return starts.length;
    }

    /** The index of the bucket that starts exactly at {@code start}, or -1. */
    public int indexOf(long start) {
        int i = Arrays.binarySearch(starts, start);
        return i >= 0 ? i : -1;
    }
}
