package io.pricewire.service.stream;

import io.pricewire.core.exchange.Quote;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Consumer;

/**
 * Carries the quotes every REST refresh fetched to the stream ingester while it runs: the refresh engine's
 * listener is built before the ingester (which needs the engine), so the two meet here rather than in a cycle.
 */
@Singleton
public class FetchedQuotes {
    private volatile Consumer<List<Quote>> sink;

    /** From the refresh listener: dropped unless the streams run on this instance. */
    public void offer(List<Quote> quotes) {
        Consumer<List<Quote>> to = sink;
        if (to != null && !quotes.isEmpty()) {
            to.accept(quotes);
        }
    }

    /** Where fetched quotes go from now on; {@code null} stops them. */
    void sendTo(Consumer<List<Quote>> to) {
        sink = to;
    }
}
