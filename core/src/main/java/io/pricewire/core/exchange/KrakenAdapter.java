package io.pricewire.core.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.exchange.TickerResponse.FailureKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Kraken Spot {@code GET /0/public/Ticker?pair=A,B,…}: one bulk call per fetch, naming up to 100 pairs, or without
 * {@code pair} (every pair) beyond that. Kraken answers under its
 * own pair names ({@code XXBTZUSD} for {@code XBTUSD}), which {@link Listing#resultKey()} maps back; the answer has
 * no timestamp, so quotes carry the receive time. Price is the last trade ({@code c[0]}), volume the rolling 24 h
 * base volume ({@code v[1]}).
 *
 * <p>Kraken reports errors in the body's {@code error} array with HTTP 200, and fails the whole call when one pair
 * is unknown ({@code EQuery:Unknown asset pair}) — reported as {@link TickerResponse#unknownPair}, and the
 * {@link ExchangeClient} isolates the culprit.
 *
 * <p>The listing is {@code GET /0/public/AssetPairs}: pairs whose {@code status} is {@code online} or
 * {@code limit_only} (orders still match; {@code cancel_only}, {@code post_only} and {@code reduce_only} pairs have
 * no fresh trades), each under its result key, {@code altname} and {@code wsname}, so that a listing matches
 * whichever name the universe uses.
 */
public final class KrakenAdapter extends JsonAdapter {

    /** Bounds the URL length (~1 KB at 100 pairs); Kraken documents no maximum. */
    public static final int DEFAULT_MAX_LISTED = 100;

    private static final Set<String> TRADING_STATUSES = Set.of("online", "limit_only");
    static final String UNKNOWN_PAIR = "EQuery:Unknown asset pair";

    private final int maxListed;

    public KrakenAdapter() {
        this(DEFAULT_MAX_LISTED);
    }

    /** @param maxListed most pairs named in one call, at least 1; more are fetched as every pair */
    public KrakenAdapter(int maxListed) {
        super(ExchangeId.KRAKEN, new RateLimit(1, Duration.ofSeconds(1)));
        if (maxListed < 1) {
            throw new IllegalArgumentException("maxListed must be >= 1: " + maxListed);
        }
        this.maxListed = maxListed;
    }

    @Override
    List<TickerRequest> planCalls(Map<String, List<Listing>> byPair, List<Listing> listings) {
        if (byPair.size() > maxListed) {
            // Kraken limits calls (~1/s), not their size: one call for every pair beats a paced call per list
            return List.of(new TickerRequest("/0/public/Ticker", 1, List.copyOf(listings)));
        }
        // the comma is Kraken's list separator and legal in a query, so only the names are encoded
        String pairs = byPair.keySet().stream().map(AdapterSupport::encode).collect(Collectors.joining(","));
        return List.of(new TickerRequest("/0/public/Ticker?pair=" + pairs, 1, List.copyOf(listings)));
    }

    @Override
    public TickerRequest listingRequest() {
        return new TickerRequest("/0/public/AssetPairs", 1, List.of());
    }

    @Override
    TickerResponse parseTickers(TickerRequest request, Answer answer) {
        JsonNode root = answer.root();
        if (root == null || !root.isObject()) {
            return answer.notEnvelope("expected {error, result}");
        }
        TickerResponse failure = errorFailure(root.get("error"), answer);
        if (failure != null) {
            return failure;
        }
        if (answer.status() != 200) {
            return answer.clientError();
        }
        JsonNode result = root.get("result");
        if (result == null || !result.isObject()) {
            return answer.malformed("expected a result object");
        }

        TickerQuotes quotes = new TickerQuotes(id());
        for (Listing listing : request.listings()) {
            JsonNode ticker = find(result, listing, request);
            if (ticker == null) {
                quotes.missing(listing, "not listed");
                continue;
            }
            quotes.add(
                    listing,
                    quoteCurrency(listing.pair()),
                    element(ticker, "c", 0),
                    answer.receivedAt(),
                    element(ticker, "v", 1));
        }
        return quotes.response();
    }

    @Override
    ListingResponse parseTradeable(Answer answer) {
        JsonNode root = answer.root();
        if (root == null || !root.isObject()) {
            return answer.unreadableListing("");
        }
        TickerResponse failure = errorFailure(root.get("error"), answer);
        if (failure != null) {
            return ListingResponse.failed(failure);
        }
        JsonNode result = root.get("result");
        if (answer.status() != 200 || result == null || !result.isObject()) {
            return answer.unreadableListing("expected {error, result}: ");
        }
        Set<String> tradeable = new HashSet<>();
        result.properties().forEach(e -> {
            JsonNode pair = e.getValue();
            // pairs from before Kraken added the status field trade; only a named non-trading status excludes
            String state = pair.path("status").asText("online");
            if (pair.isObject() && TRADING_STATUSES.contains(state)) {
                tradeable.add(e.getKey());
                for (String name : List.of("altname", "wsname")) {
                    if (pair.path(name).isTextual()) {
                        tradeable.add(pair.get(name).textValue());
                    }
                }
            }
        });
        return AdapterSupport.listing(tradeable, answer.body());
    }

    /** {@code …USDT} → USDT, {@code …USDC} → USDC, {@code …USD} / {@code …ZUSD} → USD; else {@code null}. */
    static String quoteCurrency(String pair) {
        for (String currency : List.of("USDT", "USDC", "USD")) {
            if (pair.length() > currency.length() && pair.endsWith(currency)) {
                return currency;
            }
        }
        return null;
    }

    /**
     * The ticker answering {@code listing}: under its result key, else under the request name. A lone pair answered
     * under an unexpected name is still unambiguous, which keeps a stale result key in the universe from
     * silently dropping that asset.
     */
    private static JsonNode find(JsonNode result, Listing listing, TickerRequest request) {
        JsonNode ticker = result.get(listing.resultKey());
        if (ticker == null) {
            ticker = result.get(listing.pair());
        }
        boolean lonePair =
                request.listings().stream().map(Listing::pair).distinct().count() == 1;
        if (ticker == null && lonePair && result.size() == 1) {
            ticker = result.elements().next();
        }
        return ticker != null && ticker.isObject() ? ticker : null;
    }

    private static JsonNode element(JsonNode ticker, String field, int index) {
        JsonNode array = ticker.get(field);
        return array != null && array.isArray() ? array.get(index) : null;
    }

    /**
     * Maps Kraken's {@code error} entries ({@code <severity><category>:<message>}, severity {@code E} or {@code W})
     * to a failure; warnings alone are not failures.
     */
    private static TickerResponse errorFailure(JsonNode error, Answer answer) {
        if (error == null || !error.isArray()) {
            return null;
        }
        List<String> errors = new ArrayList<>();
        error.forEach(e -> {
            String text = e.asText("");
            if (text.startsWith("E")) {
                errors.add(text);
            }
        });
        if (errors.isEmpty()) {
            return null;
        }
        String message = String.join("; ", errors);
        if (errors.stream()
                .anyMatch(
                        e -> e.startsWith("EAPI:Rate limit exceeded") || e.startsWith("EGeneral:Too many requests"))) {
            return TickerResponse.failed(FailureKind.RATE_LIMITED, message, answer.retryAfter());
        }
        if (errors.stream().anyMatch(e -> e.startsWith(UNKNOWN_PAIR))) {
            return TickerResponse.unknownPair(message);
        }
        // EQuery covers the unknown pair; an invalid argument is equally our request's fault, not Kraken's
        if (errors.stream().anyMatch(e -> e.startsWith("EQuery:") || e.startsWith("EGeneral:Invalid arguments"))) {
            return TickerResponse.failed(FailureKind.CLIENT_ERROR, message);
        }
        return TickerResponse.failed(FailureKind.SERVER_ERROR, message);
    }
}
