package io.pricewire.core.aggregate;

import io.pricewire.core.price.Price;
import io.pricewire.core.price.RejectedQuote;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of aggregating one asset's quotes.
 *
 * @param symbol   canonical symbol
 * @param price    the aggregate, or {@code null} when no quote was usable (the caller keeps the previous price)
 * @param rejected every quote left out, with its reason; the same list as {@code price.rejected()} when there is a price
 */
public record Aggregation(String symbol, Price price, List<RejectedQuote> rejected) {
    public Aggregation {
        Objects.requireNonNull(symbol, "symbol");
        rejected = List.copyOf(rejected);
    }

    public boolean hasPrice() {
        return price != null;
    }
}
