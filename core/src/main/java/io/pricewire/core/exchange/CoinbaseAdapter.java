package io.pricewire.core.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.exchange.TickerResponse.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Coinbase Exchange {@code GET /products/{PAIR}/ticker}. Coinbase has no bulk ticker endpoint, so every listing
 * costs one call against the 10 requests/s public limit. An unknown product (404 {@code NotFound}) is a problem of
 * that one product, not of the exchange: it is reported as {@link TickerResponse#unknownPair}, which the
 * {@link ExchangeClient} remembers so the product is not asked for again.
 *
 * <p>The listing is {@code GET /products}: products whose {@code status} is {@code online} and whose
 * {@code trading_disabled} is not set.
 */
public final class CoinbaseAdapter implements ExchangeAdapter {

    @Override
    public ExchangeId id() {
        return ExchangeId.COINBASE;
    }

    @Override
    public List<TickerRequest> plan(List<Listing> listings) {
        List<TickerRequest> requests = new ArrayList<>();
        Listing.byPair(listings)
                .forEach((pair, covered) -> requests.add(
                        new TickerRequest("/products/" + AdapterSupport.encode(pair) + "/ticker", 1, covered)));
        return List.copyOf(requests);
    }

    @Override
    public TickerResponse parse(
            TickerRequest request, int status, Map<String, List<String>> headers, String body, Instant receivedAt) {
        TickerResponse common = AdapterSupport.commonHttpFailure(status, headers, body, receivedAt);
        if (common != null) {
            return common;
        }
        JsonNode root = AdapterSupport.readJson(body);
        if (status == 404) {
            return TickerResponse.unknownPair(
                    root != null && root.isObject() && root.hasNonNull("message")
                            ? root.get("message").asText()
                            : "NotFound");
        }
        if (status != 200) {
            String message = root != null && root.isObject() && root.hasNonNull("message")
                    ? root.get("message").asText()
                    : AdapterSupport.snippet(body);
            return TickerResponse.failed(FailureKind.CLIENT_ERROR, "HTTP " + status + " " + message);
        }
        if (root == null || !root.isObject() || !root.has("price")) {
            return AdapterSupport.malformed("expected a product ticker", body);
        }

        TickerQuotes quotes = new TickerQuotes(ExchangeId.COINBASE);
        for (Listing listing : request.listings()) {
            quotes.add(
                    listing,
                    AdapterSupport.supportedDashCurrency(listing.pair()),
                    root.get("price"),
                    time(root.get("time"), receivedAt),
                    "time",
                    root.get("volume"));
        }
        return quotes.response();
    }

    @Override
    public TickerRequest listingRequest() {
        return new TickerRequest("/products", 1, List.of());
    }

    @Override
    public ListingResponse parseListing(
            int status, Map<String, List<String>> headers, String body, Instant receivedAt) {
        TickerResponse common = AdapterSupport.commonHttpFailure(status, headers, body, receivedAt);
        if (common != null) {
            return ListingResponse.failed(common);
        }
        if (status != 200) {
            return ListingResponse.failed(
                    FailureKind.CLIENT_ERROR, "HTTP " + status + " " + AdapterSupport.snippet(body));
        }
        JsonNode root = AdapterSupport.readJson(body);
        if (root == null || !root.isArray()) {
            return ListingResponse.failed(
                    FailureKind.MALFORMED, "expected an array of products: " + AdapterSupport.snippet(body));
        }
        Set<String> tradeable = new HashSet<>();
        for (JsonNode product : root) {
            if (product.path("id").isTextual()
                    && "online".equals(product.path("status").asText())
                    && !product.path("trading_disabled").asBoolean(false)) {
                tradeable.add(product.get("id").textValue());
            }
        }
        return AdapterSupport.listing(tradeable, body);
    }

    @Override
    public RateLimit rateLimit() {
        return new RateLimit(10, Duration.ofSeconds(1));
    }

    /** The ticker's {@code time}; the receive time when Coinbase leaves it out; {@code null} when it is garbage. */
    private static Instant time(JsonNode node, Instant receivedAt) {
        if (node == null || node.isNull()) {
            return receivedAt;
        }
        if (!node.isTextual()) {
            return null;
        }
        try {
            return AdapterSupport.notAfter(
                    OffsetDateTime.parse(node.textValue()).toInstant(), receivedAt);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
