package io.pricewire.service.coingecko;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns cached USD candles into a chart's points in a {@link VsCurrency}: per step the close of the last candle in it,
 * stamped at the step's end (the moment that close stands for); a step not yet over is left out, the price now takes
 * its place. A converted point divides by the reference's close of the same bucket, so a BTC chart is the asset's
 * price in BTC at each time, not at today's BTC price; a bucket the reference lacks is left out.
 */
final class ChartPoints {
    private ChartPoints() {}

    /**
     * The points of {@code usd} (and, for a converted currency, its {@code reference} series of the same resolution)
     * up to {@code nowMs}: [epoch ms, price] pairs.
     */
    static List<Point> of(Series usd, @Nullable Series reference, VsCurrency currency, long stepMs, long nowMs) {
        List<Point> points = new ArrayList<>();
        int n = usd.size();
        for (int i = 0; i < n; i++) {
            long step = Math.floorDiv(usd.starts()[i], stepMs);
            boolean lastOfStep = i == n - 1 || Math.floorDiv(usd.starts()[i + 1], stepMs) != step;
            long end = (step + 1) * stepMs;
            if (!lastOfStep || end > nowMs) {
                continue;
            }
            double close = usd.closes()[i];
            if (currency.reference().isPresent()) {
                int j = reference == null ? -1 : reference.indexOf(usd.starts()[i]);
                if (j < 0 || reference.closes()[j] <= 0) {
                    continue;
                }
                close = close
                        * currency.unitsPerReference().doubleValue()
                        / reference.closes()[j];
            }
            points.add(new Point(end, close));
        }
        return points;
    }

    /** {@code points} as CoinGecko's pairs, the price rounded as asked. */
    static List<List<BigDecimal>> pairs(List<Point> points, Precision precision) {
        List<List<BigDecimal>> pairs = new ArrayList<>(points.size() + 1);
        for (Point p : points) {
            pairs.add(List.of(BigDecimal.valueOf(p.millis()), precision.apply(BigDecimal.valueOf(p.price()))));
        }
        return pairs;
    }

    /**
     * One point of a chart.
     *
     * @param millis epoch ms
     * @param price  in the chart's currency
     */
    record Point(long millis, double price) {}
}
