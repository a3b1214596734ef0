package io.pricewire.core.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One asset's bucket of price history as a writer saw it: the {@link Candle} plus when its open and close were
 * seen, which is what lets two writers of the same bucket (a lease moving between instances, the cold Lambda and a
 * promoted asset) {@linkplain #merge merge} their parts in any order without losing either.
 *
 * @param openAt  the time of the price that opened it (the earliest seen)
 * @param closeAt the time of the price that closed it (the latest seen)
 */
public record Bucket(
        String symbol,
        Resolution resolution,
        Instant start,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        Instant openAt,
        Instant closeAt) {
    public Bucket {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(openAt, "openAt");
        Objects.requireNonNull(closeAt, "closeAt");
    }

    /** The bucket of {@code resolution} that holds one price, {@code price} at {@code at}. */
    public static Bucket of(String symbol, Resolution resolution, BigDecimal price, Instant at) {
        return new Bucket(symbol, resolution, resolution.bucketStart(at), price, price, price, price, at, at);
    }

    /**
     * The union of this bucket and {@code other} (same series and start): the highest high, the lowest low, the
     * open seen first and the close seen last. Commutative and idempotent, so writing a part twice, or two parts in
     * either order, gives the same bucket. On a tie in time this bucket's open and close stay.
     */
    public Bucket merge(Bucket other) {
        if (!symbol.equals(other.symbol) || resolution != other.resolution || !start.equals(other.start)) {
            throw new IllegalArgumentException("different buckets: " + this.key() + " and " + other.key());
        }
        boolean otherOpensFirst = other.openAt.isBefore(openAt);
        boolean otherClosesLast = other.closeAt.isAfter(closeAt);
        return new Bucket(
                symbol,
                resolution,
                start,
                otherOpensFirst ? other.open : open,
                high.max(other.high),
                low.min(other.low),
                otherClosesLast ? other.close : close,
                otherOpensFirst ? other.openAt : openAt,
                otherClosesLast ? other.closeAt : closeAt);
    }

    /** This bucket with one more price seen. */
    public Bucket with(BigDecimal price, Instant at) {
        return merge(new Bucket(symbol, resolution, start, price, price, price, price, at, at));
    }

    /** When the bucket's period is over: nothing published after it belongs to it. */
    public Instant end() {
        return start.plus(resolution.width());
    }

    /** {@code <SYMBOL>#<code>}: the history table's partition key. */
    public String series() {
        return series(symbol, resolution);
    }

    /** The history table's partition key of {@code symbol} at {@code resolution}, e.g. {@code BTC#1m}. */
    public static String series(String symbol, Resolution resolution) {
        return symbol + "#" + resolution.code();
    }

    public Candle candle() {
        return new Candle(start, open, high, low, close);
    }

    /** The series and start: what identifies the bucket, here and in the table. */
    public Key key() {
        return new Key(symbol, resolution, start);
    }

    /** What identifies a bucket. */
    public record Key(String symbol, Resolution resolution, Instant start) {}
}
