package io.pricewire.service.coingecko;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.pricewire.core.history.Candle;
import io.pricewire.core.history.HistoryReader;
import io.pricewire.core.history.Resolution;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A price history with known candles, in place of the production reader when {@code test.fixed-history} is set: every
 * bucket of every resolution of the assets in {@link #CLOSES} closes at that price, with a high 1 % above and a low 1 %
 * below it. Other assets have no history.
 */
@Singleton
@Replaces(HistoryReader.class)
@Requires(property = "test.fixed-history")
final class FixedHistory implements HistoryReader {
    /** The assets with a history and the close of each of their buckets, in USD. */
    static final Map<String, BigDecimal> CLOSES = Map.of(
            "BTC", new BigDecimal("50000"),
            "ETH", new BigDecimal("2500"),
            "USDT", new BigDecimal("0.998"),
            "SOL", new BigDecimal("100"));

    static final BigDecimal HIGH = new BigDecimal("1.01");
    static final BigDecimal LOW = new BigDecimal("0.99");

    @Override
    public List<Candle> candles(String symbol, Resolution resolution, Instant from, Instant to, int limit) {
        BigDecimal close = CLOSES.get(symbol);
        List<Candle> candles = new ArrayList<>();
        if (close == null) {
            return candles;
        }
        Instant start = resolution.bucketStart(from);
        if (start.isBefore(from)) {
            start = start.plus(resolution.width());
        }
        for (Instant s = start; !s.isAfter(to) && candles.size() < limit; s = s.plus(resolution.width())) {
            candles.add(new Candle(s, close, close.multiply(HIGH), close.multiply(LOW), close));
        }
        return candles;
    }
}
