package io.pricewire.core.refresh;

import io.pricewire.core.exchange.Quote;
import java.util.List;

/** Observes finished refreshes (metrics, logs) and the quotes they fetched; {@link #NONE} ignores them. */
@FunctionalInterface
public interface RefreshListener {
    RefreshListener NONE = report -> {};

    void onRefresh(RefreshReport report);

    /**
     * Every quote a refresh fetched, before aggregation: the stream ingester's book takes an exchange's REST quotes
     * while that exchange's stream is not contributing.
     */
    default void onQuotes(List<Quote> quotes) {}
}
