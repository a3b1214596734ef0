package io.pricewire.core.aggregate;

import io.pricewire.core.price.Price;
import io.pricewire.core.price.RejectedQuote;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of aggregating one asset's quotes.
 *
 * @param symbol   canonical symbol
 * @param price    the aggregate, or {@code null} when no quote was usable (the caller keeps the previous price); while
 *                 a jump is held, the previous accepted price (see {@link Aggregator})
 * @param rejected every quote left out, with its reason; the same list as {@code price.rejected()} when there is a price
 * @param held     the jump this aggregation held back, for the next reading to confirm; {@code null} when nothing was held
 */
public record Aggregation(String symbol, Price price, List<RejectedQuote> rejected, PendingJump held) {
    public Aggregation {
        Objects.requireNonNull(symbol, "symbol");
        rejected = List.copyOf(rejected);
        if (held != null && price == null) {
            throw new IllegalArgumentException("a held jump is answered with the previous price");
        }
    }

    public Aggregation(String symbol, Price price, List<RejectedQuote> rejected) {
        this(symbol, price, rejected, null);
    }

    public boolean hasPrice() {
        return price != null;
    }

    /** Whether {@link #price()} is a new accepted aggregate, fit to be the reference of later readings. */
    public boolean accepted() {
        return price != null && held == null;
    }
}
