package io.pricewire.core.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quotes of one ticker response, gathered listing by listing: a listing without a usable quote gets the reason
 * under its symbol instead, so one bad ticker never sinks the batch. Every adapter checks in the same order (quote
 * currency, price, time), so the same fault reads the same whichever exchange had it.
 */
final class TickerQuotes {
    private final ExchangeId exchange;
    private final List<Quote> quotes = new ArrayList<>();
    private final Map<String, String> errors = new LinkedHashMap<>();

    TickerQuotes(ExchangeId exchange) {
        this.exchange = exchange;
    }

    /** Records that {@code listing} has no quote, for {@code reason}. */
    void missing(Listing listing, String reason) {
        errors.put(listing.symbol(), reason);
    }

    /** As {@link #add(Listing, String, JsonNode, Instant, String, JsonNode)}, for a ticker without a time of its own. */
    void add(Listing listing, String currency, JsonNode price, Instant receivedAt, JsonNode volume) {
        add(listing, currency, price, receivedAt, "time", volume);
    }

    /**
     * Adds {@code listing}'s quote, or records why there is none.
     *
     * @param currency  the pair's quote currency, {@code null} when it is not one Pricewire converts
     * @param price     the ticker's price field
     * @param time      the quote's time, {@code null} when the ticker's {@code timeField} could not be read
     * @param timeField the ticker's time field, as the error names it
     * @param volume    the ticker's 24 h volume field, or {@code null} when the ticker has none
     */
    void add(Listing listing, String currency, JsonNode price, Instant time, String timeField, JsonNode volume) {
        if (currency == null) {
            missing(listing, "unsupported quote currency in " + listing.pair());
            return;
        }
        BigDecimal value = AdapterSupport.price(price, listing.symbol(), errors);
        if (value == null) {
            return;
        }
        if (time == null) {
            missing(listing, "unparseable " + timeField);
            return;
        }
        quotes.add(new Quote(exchange, listing.symbol(), value, currency, time, AdapterSupport.volume(volume)));
    }

    /** The quotes and per-asset errors gathered: a call that was answered. */
    TickerResponse response() {
        return TickerResponse.ok(quotes, errors);
    }
}
