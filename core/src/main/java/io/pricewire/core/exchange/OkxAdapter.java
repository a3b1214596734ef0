package io.pricewire.core.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.exchange.TickerResponse.FailureKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OKX v5 market tickers. {@code /api/v5/market/tickers?instType=SPOT} answers every spot instrument at once, so a
 * batch of any size is one call, filtered to the requested {@code instId}s; a single listing uses the lighter
 * {@code /market/ticker?instId=X}. Answers come in the {@code {"code","msg","data"}} envelope, where a non-zero
 * {@code code} carries the error even when the HTTP status is 200. An unknown {@code instId} ({@code 51001}) is
 * reported as {@link TickerResponse#unknownPair}.
 *
 * <p>The listing is {@code GET /api/v5/public/instruments?instType=SPOT}: instruments whose {@code state} is
 * {@code live}.
 */
public final class OkxAdapter extends JsonAdapter {

    static final String RATE_LIMITED_CODE = "50011";
    static final String UNKNOWN_INSTRUMENT_CODE = "51001";
    private static final String BULK_PATH = "/api/v5/market/tickers?instType=SPOT";

    public OkxAdapter() {
        super(ExchangeId.OKX, new RateLimit(20, Duration.ofSeconds(2)));
    }

    @Override
    List<TickerRequest> planCalls(Map<String, List<Listing>> byPair, List<Listing> listings) {
        if (byPair.size() == 1) {
            String instId = byPair.keySet().iterator().next();
            return List.of(
                    new TickerRequest("/api/v5/market/ticker?instId=" + AdapterSupport.encode(instId), 1, listings));
        }
        return List.of(new TickerRequest(BULK_PATH, 1, listings));
    }

    @Override
    public TickerRequest listingRequest() {
        return new TickerRequest("/api/v5/public/instruments?instType=SPOT", 1, List.of());
    }

    @Override
    TickerResponse parseTickers(TickerRequest request, Answer answer) {
        JsonNode root = answer.root();
        if (root == null || !root.isObject() || !root.has("code")) {
            return answer.notEnvelope("expected {code, msg, data}");
        }
        String code = root.get("code").asText();
        String msg = root.path("msg").asText("");
        if (!"0".equals(code)) {
            String message = "code " + code + (msg.isEmpty() ? "" : ": " + msg);
            if (RATE_LIMITED_CODE.equals(code)) {
                return TickerResponse.failed(FailureKind.RATE_LIMITED, message, answer.retryAfter());
            }
            if (UNKNOWN_INSTRUMENT_CODE.equals(code)) {
                return TickerResponse.unknownPair(message);
            }
            return TickerResponse.failed(FailureKind.SERVER_ERROR, message);
        }
        if (answer.status() != 200) {
            return answer.clientError();
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            return answer.malformed("expected a data array");
        }

        Map<String, JsonNode> byInstId = new HashMap<>();
        for (JsonNode ticker : data) {
            if (ticker.isObject() && ticker.path("instId").isTextual()) {
                byInstId.putIfAbsent(ticker.get("instId").textValue(), ticker);
            }
        }
        TickerQuotes quotes = new TickerQuotes(id());
        for (Listing listing : request.listings()) {
            JsonNode ticker = byInstId.get(listing.pair());
            if (ticker == null) {
                quotes.missing(listing, "not listed");
                continue;
            }
            quotes.add(
                    listing,
                    AdapterSupport.supportedDashCurrency(listing.pair()),
                    ticker.get("last"),
                    AdapterSupport.epochMillis(ticker.get("ts"), answer.receivedAt()),
                    "ts",
                    ticker.get("vol24h"));
        }
        return quotes.response();
    }

    @Override
    ListingResponse parseTradeable(Answer answer) {
        JsonNode root = answer.root();
        if (root == null || !root.isObject() || !root.has("code")) {
            return answer.unreadableListing("");
        }
        String code = root.get("code").asText();
        if (!"0".equals(code)) {
            String message = "code " + code + " " + root.path("msg").asText("");
            return RATE_LIMITED_CODE.equals(code)
                    ? new ListingResponse(
                            Set.of(),
                            new TickerResponse.Failure(FailureKind.RATE_LIMITED, message.trim()),
                            answer.retryAfter())
                    : ListingResponse.failed(FailureKind.SERVER_ERROR, message.trim());
        }
        JsonNode data = root.get("data");
        if (answer.status() != 200 || data == null || !data.isArray()) {
            return answer.unreadableListing("expected a data array: ");
        }
        return AdapterSupport.listing(
                data,
                "instId",
                instrument -> "live".equals(instrument.path("state").asText()),
                answer.body());
    }
}
