package io.pricewire.core.refresh;

import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.Quote;
import io.pricewire.core.exchange.TickerResponse;
import io.pricewire.core.exchange.http.Lane;
import io.pricewire.core.exchange.http.TickerSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One exchange in memory for the refresh engine's tests: answers the quotes it was told for the listings it is
 * asked for (or the whole-call failure it was told), and records every call.
 */
final class FakeTickerSource implements TickerSource {
    /** One fetch: the pairs asked for, in order, the budget and the lane. */
    record Call(List<String> pairs, Duration budget, Lane lane) {}

    private final ExchangeId exchange;
    private final Map<String, Quote> quotes = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile TickerResponse failure;

    FakeTickerSource(ExchangeId exchange) {
        this.exchange = exchange;
    }

    /** From now on answers {@code symbol} at {@code price} USD, observed {@code at}. */
    FakeTickerSource quotes(String symbol, String price, Instant at) {
        return quotes(symbol, price, "USD", at);
    }

    /** From now on answers {@code symbol} at {@code price} in {@code currency}, observed {@code at}. */
    FakeTickerSource quotes(String symbol, String price, String currency, Instant at) {
        quotes.put(symbol, new Quote(exchange, symbol, new BigDecimal(price), currency, at, null));
        return this;
    }

    /** From now on fails every call as {@code kind}, with the exchange's {@code message}. */
    FakeTickerSource fails(TickerResponse.FailureKind kind, String message) {
        failure = TickerResponse.failed(kind, message);
        return this;
    }

    @Override
    public CompletableFuture<TickerResponse> fetch(List<Listing> listings, Duration budget, Lane lane) {
        calls.add(new Call(listings.stream().map(Listing::pair).toList(), budget, lane));
        TickerResponse failed = failure;
        if (failed != null) {
            return CompletableFuture.completedFuture(failed);
        }
        List<Quote> answered = listings.stream()
                .map(l -> Optional.ofNullable(quotes.get(l.symbol())))
                .flatMap(Optional::stream)
                .toList();
        Map<String, String> errors = new HashMap<>();
        listings.stream()
                .filter(l -> !quotes.containsKey(l.symbol()))
                .forEach(l -> errors.put(l.symbol(), "no ticker for " + l.pair()));
        return CompletableFuture.completedFuture(TickerResponse.ok(answered, errors));
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Every pair asked for, over all calls. */
    List<String> pairsAsked() {
        return calls.stream().flatMap(c -> c.pairs().stream()).toList();
    }
}
