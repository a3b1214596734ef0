package io.pricewire.core.exchange;

import java.time.Duration;
import java.util.Set;

/**
 * What an adapter made of an exchange's market-listing answer.
 *
 * @param tradeable  the names of the pairs open for trading, in every form a {@link Listing} may use for them
 *                   (request name and result key: Kraken's {@code XBTUSD} and {@code XXBTZUSD}); empty on failure
 * @param failure    why the listing could not be read, or {@code null}
 * @param retryAfter how long the exchange asked us to wait (429/418), or {@code null}
 */
public record ListingResponse(Set<String> tradeable, TickerResponse.Failure failure, Duration retryAfter) {

    public ListingResponse {
        tradeable = Set.copyOf(tradeable);
    }

    public static ListingResponse ok(Set<String> tradeable) {
        return new ListingResponse(tradeable, null, null);
    }

    /** The failure of a ticker-style answer (429, 5xx, malformed ...) carried over to a listing call. */
    public static ListingResponse failed(TickerResponse common) {
        return new ListingResponse(Set.of(), common.failure(), common.retryAfter());
    }

    public static ListingResponse failed(TickerResponse.FailureKind kind, String message) {
        return new ListingResponse(Set.of(), new TickerResponse.Failure(kind, message), null);
    }

    public boolean isFailure() {
        return failure != null;
    }
}
