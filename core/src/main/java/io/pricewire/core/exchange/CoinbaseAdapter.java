package io.pricewire.core.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.exchange.TickerResponse.FailureKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Coinbase Exchange {@code GET /products/{PAIR}/ticker}. Coinbase has no bulk ticker endpoint, so every listing
 * costs one call against the 10 requests/s public limit. An unknown product (404 {@code NotFound}) is a problem of
 * that one product, not of the exchange: it is reported as {@link TickerResponse#unknownPair}, which the
 * {@link ExchangeClient} remembers so the product is not asked for again.
 *
 * <p>The listing is {@code GET /products}: products whose {@code status} is {@code online} and whose
 * {@code trading_disabled} is not set.
 */
public final class CoinbaseAdapter extends JsonAdapter {

    public CoinbaseAdapter() {
        super(ExchangeId.COINBASE, new RateLimit(10, Duration.ofSeconds(1)));
    }

    @Override
    List<TickerRequest> planCalls(Map<String, List<Listing>> byPair, List<Listing> listings) {
        List<TickerRequest> requests = new ArrayList<>();
        byPair.forEach((pair, covered) ->
                requests.add(new TickerRequest("/products/" + AdapterSupport.encode(pair) + "/ticker", 1, covered)));
        return List.copyOf(requests);
    }

    @Override
    public TickerRequest listingRequest() {
        return new TickerRequest("/products", 1, List.of());
    }

    @Override
    TickerResponse parseTickers(TickerRequest request, Answer answer) {
        JsonNode root = answer.root();
        if (answer.status() == 404) {
            return TickerResponse.unknownPair(
                    root != null && root.isObject() && root.hasNonNull("message")
                            ? root.get("message").asText()
                            : "NotFound");
        }
        if (answer.status() != 200) {
            String message = root != null && root.isObject() && root.hasNonNull("message")
                    ? root.get("message").asText()
                    : answer.snippet();
            return TickerResponse.failed(FailureKind.CLIENT_ERROR, "HTTP " + answer.status() + " " + message);
        }
        if (root == null || !root.isObject() || !root.has("price")) {
            return answer.malformed("expected a product ticker");
        }

        TickerQuotes quotes = new TickerQuotes(id());
        for (Listing listing : request.listings()) {
            quotes.add(
                    listing,
                    AdapterSupport.supportedDashCurrency(listing.pair()),
                    root.get("price"),
                    AdapterSupport.isoTime(root.get("time"), answer.receivedAt()),
                    "time",
                    root.get("volume"));
        }
        return quotes.response();
    }

    @Override
    ListingResponse parseTradeable(Answer answer) {
        JsonNode root = answer.root();
        if (answer.status() != 200) {
            return answer.unreadableListing("");
        }
        if (root == null || !root.isArray()) {
            return ListingResponse.failed(FailureKind.MALFORMED, "expected an array of products: " + answer.snippet());
        }
        return AdapterSupport.listing(
                root,
                "id",
                product -> "online".equals(product.path("status").asText())
                        && !product.path("trading_disabled").asBoolean(false),
                answer.body());
    }
}
