package io.pricewire.core.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.exchange.TickerResponse.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What every adapter does the same way, whichever exchange: it names its exchange and rate limit, and answers the
 * statuses every exchange means alike (429, 418, 5xx) before reading the JSON body, so each adapter only reads what
 * is its exchange's own.
 */
abstract class JsonAdapter implements ExchangeAdapter {
    private final ExchangeId id;
    private final RateLimit rateLimit;

    JsonAdapter(ExchangeId id, RateLimit rateLimit) {
        this.id = id;
        this.rateLimit = rateLimit;
    }

    @Override
    public final ExchangeId id() {
        return id;
    }

    @Override
    public final RateLimit rateLimit() {
        return rateLimit;
    }

    @Override
    public final List<TickerRequest> plan(List<Listing> listings) {
        Map<String, List<Listing>> byPair = Listing.byPair(listings);
        return byPair.isEmpty() ? List.of() : planCalls(byPair, listings);
    }

    @Override
    public final TickerResponse parse(
            TickerRequest request, int status, Map<String, List<String>> headers, String body, Instant receivedAt) {
        TickerResponse common = AdapterSupport.commonHttpFailure(status, headers, body, receivedAt);
        return common != null ? common : parseTickers(request, Answer.of(status, headers, body, receivedAt));
    }

    @Override
    public final ListingResponse parseListing(
            int status, Map<String, List<String>> headers, String body, Instant receivedAt) {
        TickerResponse common = AdapterSupport.commonHttpFailure(status, headers, body, receivedAt);
        return common != null
                ? ListingResponse.failed(common)
                : parseTradeable(Answer.of(status, headers, body, receivedAt));
    }

    /**
     * As {@link #plan}, for at least one listing.
     *
     * @param byPair the listings under the pair names they are asked for, in order
     */
    abstract List<TickerRequest> planCalls(Map<String, List<Listing>> byPair, List<Listing> listings);

    /** As {@link #parse}, for an answer that is none of the common failures. */
    abstract TickerResponse parseTickers(TickerRequest request, Answer answer);

    /** As {@link #parseListing}, for an answer that is none of the common failures. */
    abstract ListingResponse parseTradeable(Answer answer);

    /**
     * One exchange answer, as {@link ExchangeAdapter#parse} describes its parts, with the failures every adapter
     * words the same way.
     *
     * @param root the parsed body, or {@code null} when it is not JSON at all
     */
    record Answer(int status, Map<String, List<String>> headers, String body, JsonNode root, Instant receivedAt) {

        static Answer of(int status, Map<String, List<String>> headers, String body, Instant receivedAt) {
            return new Answer(status, headers, body, AdapterSupport.readJson(body), receivedAt);
        }

        /** A short excerpt of the body, for failure messages. */
        String snippet() {
            return AdapterSupport.snippet(body);
        }

        /** {@code Retry-After} of this answer; see {@link AdapterSupport#retryAfter}. */
        Duration retryAfter() {
            return AdapterSupport.retryAfter(headers, receivedAt);
        }

        /** A body that is not what {@code what} describes. */
        TickerResponse malformed(String what) {
            return AdapterSupport.malformed(what, body);
        }

        /** An error status that is our request's fault, with an excerpt of the body. */
        TickerResponse clientError() {
            return TickerResponse.failed(FailureKind.CLIENT_ERROR, "HTTP " + status + " " + snippet());
        }

        /** A body without the exchange's envelope: malformed when the status was 200, else a client error. */
        TickerResponse notEnvelope(String expected) {
            return status == 200 ? malformed(expected) : clientError();
        }

        /**
         * A listing that could not be read: malformed when the status was 200, else our request's fault; the message
         * is {@code what} followed by the status and an excerpt of the body.
         */
        ListingResponse unreadableListing(String what) {
            return ListingResponse.failed(
                    status == 200 ? FailureKind.MALFORMED : FailureKind.CLIENT_ERROR,
                    what + "HTTP " + status + " " + snippet());
        }
    }
}
