package io.pricewire.core.exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Speaks one exchange's public REST ticker API: plans the calls for a batch of listings (bulk
 * endpoints wherever the exchange has them) and parses the answers, including the exchange's
 * error bodies, and reads the exchange's market listing (which pairs trade now). Pure: no I/O, no clock reads —
 * the {@link ExchangeClient} does the calls.
 */
public interface ExchangeAdapter {

    ExchangeId id();

    /** The calls that fetch tickers for {@code listings}; each listing is covered by exactly one call. */
    List<TickerRequest> plan(List<Listing> listings);

    /**
     * Parses one answer.
     *
     * @param request    the call that was made
     * @param status     HTTP status
     * @param headers    response headers, lower-case names
     * @param body       response body as text
     * @param receivedAt when the answer arrived; stamped on quotes where the exchange gives no time
     */
    TickerResponse parse(
            TickerRequest request, int status, Map<String, List<String>> headers, String body, Instant receivedAt);

    /** The call that reads the exchange's market listing: every pair it knows, with its trading status. */
    TickerRequest listingRequest();

    /**
     * Parses the listing answer into the pairs open for trading. A body that names no pair at all is a failure:
     * an empty listing would stop every call to the exchange.
     */
    ListingResponse parseListing(int status, Map<String, List<String>> headers, String body, Instant receivedAt);

    /** The exchange's documented public rate limit, in its own terms. */
    RateLimit rateLimit();

    /**
     * A public rate limit: {@code permits} units of weight per {@code period}.
     */
    record RateLimit(int permits, Duration period) {
        /** This limit with {@code factor} times the permits per period (at least one). */
        public RateLimit times(double factor) {
            if (!(factor > 0)) {
                throw new IllegalArgumentException("factor must be > 0: " + factor);
            }
            return new RateLimit((int) Math.max(1, Math.round(permits * factor)), period);
        }
    }
}
