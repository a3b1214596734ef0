package io.pricewire.core.history;

import io.pricewire.core.price.Price;
import java.util.List;

/**
 * What every publisher of new aggregates calls — the refresh engine (tier tickers, POST refresh, misses, warm-up,
 * the cold Lambda) and the stream publisher: before publishing, to give each price its {@code change24h}, and after,
 * to add it to the price history. {@link #NONE} does neither.
 */
public interface HistoryTap {
    HistoryTap NONE = new HistoryTap() {
        @Override
        public List<Price> beforePublish(List<Price> prices) {
            return prices;
        }

        @Override
        public Price beforePublishNow(Price price) {
            return price;
        }

        @Override
        public void published(Price price) {}

        @Override
        public boolean flush() {
            return true;
        }
    };

    /** A batch about to be published, each with its {@code change24h}; may wait a bounded time for the references. */
    List<Price> beforePublish(List<Price> prices);

    /** One price about to be published, with its {@code change24h} as known now; never blocks. */
    Price beforePublishNow(Price price);

    /** {@code price} was published (it won the cache's newer-wins check, or the cache could not say): record it. */
    void published(Price price);

    /** Writes every bucket recorded so far, open ones too, for a process about to stop; returns whether all were written. */
    boolean flush();
}
