package io.pricewire.core.exchange;

import static io.pricewire.core.exchange.AdapterSupport.encode;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.exchange.TickerResponse.FailureKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binance Spot {@code GET /api/v3/ticker/price}: one call per fetch — {@code symbol=X} (weight 2) for one symbol,
 * {@code symbols=[…]} (weight 4) for up to 100, and no parameter (the whole market, weight 4) beyond. The endpoint has no timestamp and no volume, so
 * quotes carry the receive time and no volume.
 *
 * <p>Binance rejects the whole call with HTTP 400 {@code -1121 Invalid symbol.} when any one symbol is unknown;
 * that is reported as {@link TickerResponse#unknownPair}, and the {@link ExchangeClient} isolates the culprit.
 *
 * <p>The listing is {@code GET /api/v3/exchangeInfo} (weight 20): symbols whose {@code status} is {@code TRADING}.
 * {@code symbolStatus=TRADING} and {@code showPermissionSets=false} cut the answer to a fraction of its default
 * size (MBs at Binance's ~3,000 symbols); the status is checked here all the same.
 */
public final class BinanceAdapter extends JsonAdapter {

    public static final int DEFAULT_MAX_LISTED = 100;
    static final int WEIGHT_ONE_SYMBOL = 2;
    static final int WEIGHT_SYMBOL_LIST = 4;
    static final int WEIGHT_EXCHANGE_INFO = 20;
    static final String INVALID_SYMBOL_CODE = "-1121";

    /**
     * Longest first, so that {@code BTCFDUSD} or {@code BTCTUSD} (other stablecoins, not USD) are not mistaken for a
     * {@code …USD} pair; {@code null} marks a quote currency Pricewire does not convert.
     */
    private static final List<Map.Entry<String, String>> SUFFIXES = List.of(
            Map.entry("FDUSD", ""),
            Map.entry("USDT", "USDT"),
            Map.entry("USDC", "USDC"),
            Map.entry("TUSD", ""),
            Map.entry("BUSD", ""),
            Map.entry("USD", "USD"));

    private final int maxListed;

    public BinanceAdapter() {
        this(DEFAULT_MAX_LISTED);
    }

    /** @param maxListed most symbols named in one {@code symbols=[…]} call, 1–100; more are fetched as the whole market */
    public BinanceAdapter(int maxListed) {
        super(ExchangeId.BINANCE, new RateLimit(6000, Duration.ofMinutes(1)));
        if (maxListed < 1 || maxListed > DEFAULT_MAX_LISTED) {
            throw new IllegalArgumentException("maxListed must be 1.." + DEFAULT_MAX_LISTED + ": " + maxListed);
        }
        this.maxListed = maxListed;
    }

    @Override
    List<TickerRequest> planCalls(Map<String, List<Listing>> byPair, List<Listing> listings) {
        List<Listing> covered = List.copyOf(listings);
        if (byPair.size() == 1) {
            String pair = byPair.keySet().iterator().next();
            return List.of(
                    new TickerRequest("/api/v3/ticker/price?symbol=" + encode(pair), WEIGHT_ONE_SYMBOL, covered));
        }
        if (byPair.size() > maxListed) {
            // the whole market costs the weight of a list (4) and is one call instead of one per list
            return List.of(new TickerRequest("/api/v3/ticker/price", WEIGHT_SYMBOL_LIST, covered));
        }
        String array = byPair.keySet().stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]"));
        return List.of(new TickerRequest("/api/v3/ticker/price?symbols=" + encode(array), WEIGHT_SYMBOL_LIST, covered));
    }

    @Override
    public TickerRequest listingRequest() {
        return new TickerRequest(
                "/api/v3/exchangeInfo?showPermissionSets=false&symbolStatus=TRADING", WEIGHT_EXCHANGE_INFO, List.of());
    }

    @Override
    TickerResponse parseTickers(TickerRequest request, Answer answer) {
        JsonNode root = answer.root();
        if (answer.status() != 200) {
            boolean unknown = root != null
                    && root.isObject()
                    && INVALID_SYMBOL_CODE.equals(root.path("code").asText());
            return unknown
                    ? TickerResponse.unknownPair(errorMessage(answer))
                    : TickerResponse.failed(FailureKind.CLIENT_ERROR, errorMessage(answer));
        }
        List<JsonNode> tickers = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(tickers::add);
        } else if (root != null && root.isObject() && root.has("symbol")) {
            tickers.add(root);
        } else {
            return answer.malformed("expected a ticker or an array of tickers");
        }

        Map<String, JsonNode> bySymbol = new HashMap<>();
        for (JsonNode t : tickers) {
            if (!t.isObject()) {
                return answer.malformed("ticker is not an object");
            }
            JsonNode symbol = t.get("symbol");
            if (symbol != null && symbol.isTextual()) {
                bySymbol.putIfAbsent(symbol.textValue(), t);
            }
        }

        TickerQuotes quotes = new TickerQuotes(id());
        for (Listing listing : request.listings()) {
            JsonNode ticker = bySymbol.get(listing.pair());
            if (ticker == null) {
                quotes.missing(listing, "missing from response");
                continue;
            }
            // the price ticker carries no volume
            quotes.add(listing, quoteCurrency(listing.pair()), ticker.get("price"), answer.receivedAt(), null);
        }
        return quotes.response();
    }

    @Override
    ListingResponse parseTradeable(Answer answer) {
        JsonNode root = answer.root();
        if (answer.status() != 200) {
            return ListingResponse.failed(FailureKind.CLIENT_ERROR, errorMessage(answer));
        }
        JsonNode symbols = root == null ? null : root.get("symbols");
        if (symbols == null || !symbols.isArray()) {
            return ListingResponse.failed(
                    FailureKind.MALFORMED, "expected exchangeInfo with a symbols array: " + answer.snippet());
        }
        return AdapterSupport.listing(
                symbols,
                "symbol",
                symbol -> "TRADING".equals(symbol.path("status").asText()),
                answer.body());
    }

    /** {@code BTCUSDT} → {@code USDT}, {@code BTCUSDC} → {@code USDC}, {@code BTCUSD} → {@code USD}; else {@code null}. */
    static String quoteCurrency(String pair) {
        for (Map.Entry<String, String> suffix : SUFFIXES) {
            if (pair.length() > suffix.getKey().length() && pair.endsWith(suffix.getKey())) {
                return suffix.getValue().isEmpty() ? null : suffix.getValue();
            }
        }
        return null;
    }

    private static String errorMessage(Answer answer) {
        JsonNode root = answer.root();
        if (root != null && root.isObject() && root.hasNonNull("msg")) {
            String msg = root.get("msg").asText();
            return root.has("code") ? msg + " (code " + root.get("code").asText() + ")" : msg;
        }
        return "HTTP " + answer.status() + " " + answer.snippet();
    }
}
