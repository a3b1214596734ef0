package io.pricewire.core.exchange;

import java.util.List;

/**
 * One HTTP GET an adapter wants made.
 *
 * @param pathAndQuery path and already-encoded query, relative to the exchange's base URL
 * @param weight       the exchange's cost for this call (Binance request weight; 1 elsewhere)
 * @param listings     the listings this call is meant to answer
 */
public record TickerRequest(String pathAndQuery, int weight, List<Listing> listings) {
    public TickerRequest {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + pathAndQuery);
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be >= 1");
        }
        listings = List.copyOf(listings);
    }
}
