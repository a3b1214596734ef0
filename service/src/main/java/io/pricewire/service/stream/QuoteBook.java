package io.pricewire.service.stream;

import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Quote;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest quote of every (exchange, asset) the streams track, from whichever source saw it last: the exchange's
 * stream or a REST ticker cycle. Newest exchange time wins, so a REST quote fills in for an exchange whose stream
 * stopped contributing (its streamed quotes are {@linkplain #dropStreamed dropped}) and a streamed quote replaces
 * it again as soon as the stream is back. Thread-safe: the stream threads and the ticker threads write, the
 * publisher reads.
 */
final class QuoteBook {
    private final Map<String, Map<ExchangeId, Entry>> bySymbol = new ConcurrentHashMap<>();
    private volatile Set<String> tracked = Set.of();

    private record Entry(Quote quote, boolean streamed) {}

    /** The assets kept; quotes of others are refused, and entries of assets no longer tracked are dropped. */
    void track(Set<String> symbols) {
        tracked = Set.copyOf(symbols);
        bySymbol.keySet().retainAll(tracked);
    }

    boolean isTracked(String symbol) {
        return tracked.contains(symbol);
    }

    /**
     * Offers {@code quote}; returns whether the asset's quotes changed: a tracked asset's first quote from that
     * exchange, or a newer one (a quote at the same time counts when its price differs).
     */
    boolean offer(Quote quote, boolean streamed) {
        if (!tracked.contains(quote.symbol())) {
            return false;
        }
        Map<ExchangeId, Entry> quotes = bySymbol.computeIfAbsent(quote.symbol(), s -> new ConcurrentHashMap<>());
        boolean[] changed = {false};
        quotes.compute(quote.exchange(), (exchange, held) -> {
            if (held != null) {
                int order = quote.timestamp().compareTo(held.quote().timestamp());
                if (order < 0
                        || (order == 0 && quote.price().compareTo(held.quote().price()) == 0)) {
                    return held;
                }
            }
            changed[0] = true;
            return new Entry(quote, streamed);
        });
        return changed[0];
    }

    /** Forgets every streamed quote of {@code exchange}: its stream no longer speaks for it. */
    void dropStreamed(ExchangeId exchange) {
        bySymbol.values()
                .forEach(quotes -> quotes.computeIfPresent(exchange, (e, held) -> held.streamed() ? null : held));
    }

    /** The quotes of {@code symbol}, one per exchange. */
    List<Quote> quotes(String symbol) {
        Map<ExchangeId, Entry> quotes = bySymbol.get(symbol);
        return quotes == null
                ? List.of()
                : quotes.values().stream().map(Entry::quote).toList();
    }

    /** How many of {@code symbol}'s quotes came from a stream. */
    long streamedCount(String symbol) {
        Map<ExchangeId, Entry> quotes = bySymbol.get(symbol);
        return quotes == null
                ? 0
                : quotes.values().stream().filter(Entry::streamed).count();
    }

    void clear() {
        bySymbol.clear();
    }
}
