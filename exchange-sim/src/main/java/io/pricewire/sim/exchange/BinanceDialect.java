package io.pricewire.sim.exchange;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.sim.RateLimits;
import io.pricewire.sim.market.Decimals;
import io.pricewire.sim.market.Market;
import io.pricewire.sim.market.PriceView;
import io.pricewire.sim.market.Quote;
import io.pricewire.sim.market.Quoter;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binance Spot: {@code /api/v3/ticker/price}, {@code /bookTicker} and {@code /24hr}, each with no
 * parameter (all), {@code symbol} or {@code symbols=[…]}; the {@code /api/v3/exchangeInfo} listing; request weights and the per-IP weight limit with
 * {@code X-MBX-USED-WEIGHT-1M}, 429 + Retry-After and the 418 ban.
 */
public final class BinanceDialect implements Dialect {
    static final String PRICE = "/api/v3/ticker/price";
    static final String BOOK = "/api/v3/ticker/bookTicker";
    static final String DAY = "/api/v3/ticker/24hr";
    static final String EXCHANGE_INFO = "/api/v3/exchangeInfo";
    static final String WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M";

    private static final String NAME = "[A-Z0-9-_.]{1,20}";
    private static final Pattern SYMBOL = Pattern.compile(NAME);
    private static final Pattern SYMBOLS = Pattern.compile("\\[(\"" + NAME + "\"(,\"" + NAME + "\")*)?]");
    private static final Pattern QUOTED = Pattern.compile("\"(" + NAME + ")\"");
    private static final long DAY_MS = 86_400_000L;
    private static final int DECIMALS = 8;
    private static final int EXCHANGE_INFO_WEIGHT = 20;
    private static final BigDecimal MIN_STEP = new BigDecimal("0.00000001");
    private static final BigDecimal MIN_NOTIONAL = new BigDecimal("5");
    private static final BigDecimal MAX_NOTIONAL = new BigDecimal("9000000");
    private static final List<String> SYMBOL_STATUSES = List.of("TRADING", "HALT", "BREAK");
    private static final List<String> QUOTE_ASSETS =
            List.of("FDUSD", "USDT", "USDC", "USD", "BTC", "ETH", "BNB", "EUR");
    private static final List<String> ORDER_TYPES = List.of(
            "LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT");
    private static final List<String> STP_MODES =
            List.of("NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH", "DECREMENT");

    private final Listings listings;
    private final Quoter quoter;
    private final RateLimits limits;
    private final PerClient<WeightWindow> windows;

    public BinanceDialect(Market market, Quoter quoter, RateLimits limits, boolean enforce) {
        this.listings = new Listings(ExchangeId.BINANCE, market, false);
        this.quoter = quoter;
        this.limits = limits;
        this.windows = new PerClient<>(() -> new WeightWindow(
                limits.binanceWeightPerMinute(), limits.binanceBan().toMillis(), enforce));
    }

    @Override
    public Listings listings() {
        return listings;
    }

    @Override
    public Admission admit(SimRequest request, long nowMs) {
        WeightWindow.Verdict v = windows.of(request.client()).charge(weight(request), nowMs);
        Map<String, String> used = Map.of(WEIGHT_HEADER, Long.toString(v.usedWeight()));
        return switch (v.outcome()) {
            case OK -> Admission.allowed(used);
            case LIMITED ->
                Admission.rejected(error(
                                429,
                                -1003,
                                "Too much request weight used; current limit is "
                                        + limits.binanceWeightPerMinute()
                                        + " request weight per 1 MINUTE. Please use WebSocket Streams"
                                        + " for live updates to avoid polling the API.")
                        .withHeaders(used)
                        .withHeader("Retry-After", Long.toString(v.retryAfterSeconds())));
            case BANNED ->
                Admission.rejected(error(
                                418,
                                -1003,
                                "Way too much request weight used; IP banned until "
                                        + (nowMs + v.retryAfterSeconds() * 1000)
                                        + ". Please use WebSocket Streams for live updates to"
                                        + " avoid bans.")
                        .withHeaders(used)
                        .withHeader("Retry-After", Long.toString(v.retryAfterSeconds())));
        };
    }

    @Override
    public SimResponse answer(SimRequest request, PriceView view) {
        String path = request.path();
        if (request.isGet() && path.equals(EXCHANGE_INFO)) {
            return exchangeInfo(request, view);
        }
        if (!request.isGet() || !(path.equals(PRICE) || path.equals(BOOK) || path.equals(DAY))) {
            return error(404, -1020, "This operation is not supported.");
        }
        // a delisted pair is unknown to the tickers: -1121 alone or in a list, absent from the whole market
        Selection selection = select(request, false);
        if (selection.error() != null) {
            return selection.error();
        }
        if (selection.single()) {
            int p = selection.positions().get(0);
            return SimResponse.json(200, JsonBodies.write(g -> writeTicker(g, path, p, view)));
        }
        return SimResponse.json(200, JsonBodies.write(g -> {
            g.writeStartArray();
            for (int p : selection.positions()) {
                writeTicker(g, path, p, view);
            }
            g.writeEndArray();
        }));
    }

    /** The listings a request names: one ({@code symbol}), a list ({@code symbols}) or all; or the error to answer. */
    private record Selection(List<Integer> positions, boolean single, SimResponse error) {
        static Selection of(List<Integer> positions, boolean single) {
            return new Selection(positions, single, null);
        }

        static Selection failed(SimResponse error) {
            return new Selection(List.of(), false, error);
        }
    }

    /**
     * @param withDelisted whether delisted pairs count as known: exchangeInfo keeps them (status BREAK), the
     *                     tickers do not
     */
    private Selection select(SimRequest request, boolean withDelisted) {
        Optional<String> symbol = request.param("symbol");
        Optional<String> symbols = request.param("symbols");
        if (symbol.isPresent() && symbols.isPresent()) {
            return Selection.failed(error(400, -1128, "Combination of optional parameters invalid."));
        }
        if (symbol.isPresent()) {
            String s = symbol.get();
            if (s.isEmpty()) {
                return Selection.failed(
                        error(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."));
            }
            if (!SYMBOL.matcher(s).matches()) {
                return Selection.failed(error(
                        400,
                        -1100,
                        "Illegal characters found in parameter 'symbol'; legal range is '^" + NAME + "$'."));
            }
            OptionalInt p = withDelisted ? listings.find(s) : listings.findListed(s);
            return p.isEmpty() ? Selection.failed(invalidSymbol()) : Selection.of(List.of(p.getAsInt()), true);
        }
        if (symbols.isPresent()) {
            Optional<List<String>> names = parseSymbols(symbols.get());
            if (names.isEmpty()) {
                return Selection.failed(error(
                        400,
                        -1100,
                        "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"" + NAME + "\"(,\""
                                + NAME + "\"){0,}){0,1}\\]$'."));
            }
            if (names.get().isEmpty()) {
                return Selection.failed(
                        error(400, -1102, "Mandatory parameter 'symbols' was not sent, was empty/null, or malformed."));
            }
            List<Integer> positions = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String name : names.get()) {
                if (!seen.add(name)) {
                    return Selection.failed(error(400, -1101, "Duplicate values for a parameter detected."));
                }
                OptionalInt p = withDelisted ? listings.find(name) : listings.findListed(name);
                if (p.isEmpty()) {
                    return Selection.failed(invalidSymbol());
                }
                positions.add(p.getAsInt());
            }
            return Selection.of(positions, false);
        }
        if (withDelisted) {
            List<Integer> all = new ArrayList<>(listings.size());
            for (int p = 0; p < listings.size(); p++) {
                all.add(p);
            }
            return Selection.of(all, false);
        }
        return Selection.of(listings.listedPositions(), false);
    }

    /**
     * {@code GET /api/v3/exchangeInfo}: every pair, a delisted one kept with status {@code BREAK} as Binance
     * does; {@code symbolStatus} filters by status. {@code permissions} and {@code showPermissionSets} are
     * accepted and ignored (every pair is a plain spot pair).
     */
    private SimResponse exchangeInfo(SimRequest request, PriceView view) {
        Optional<String> status = request.param("symbolStatus");
        if (status.isPresent()
                && (request.param("symbol").isPresent()
                        || request.param("symbols").isPresent())) {
            return error(400, -1128, "Combination of optional parameters invalid.");
        }
        if (status.isPresent() && !SYMBOL_STATUSES.contains(status.get())) {
            return error(
                    400,
                    -1100,
                    "Illegal characters found in parameter 'symbolStatus'; legal range is '"
                            + String.join(", ", SYMBOL_STATUSES) + "'.");
        }
        Selection selection = select(request, true);
        if (selection.error() != null) {
            return selection.error();
        }
        List<Integer> positions = new ArrayList<>();
        for (int p : selection.positions()) {
            if (status.isEmpty() || status.get().equals(statusOf(p))) {
                positions.add(p);
            }
        }
        return SimResponse.json(200, JsonBodies.write(g -> {
            g.writeStartObject();
            g.writeStringField("timezone", "UTC");
            g.writeNumberField("serverTime", view.timeMs());
            g.writeArrayFieldStart("rateLimits");
            rateLimit(g, "REQUEST_WEIGHT", "MINUTE", 1, limits.binanceWeightPerMinute());
            rateLimit(g, "ORDERS", "SECOND", 10, 100);
            rateLimit(g, "ORDERS", "DAY", 1, 200_000);
            rateLimit(g, "RAW_REQUESTS", "MINUTE", 5, 61_000);
            g.writeEndArray();
            g.writeArrayFieldStart("exchangeFilters");
            g.writeEndArray();
            g.writeArrayFieldStart("symbols");
            for (int p : positions) {
                writeSymbol(g, p);
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    private String statusOf(int position) {
        return listings.isListed(position) ? "TRADING" : "BREAK";
    }

    private void writeSymbol(JsonGenerator g, int position) throws IOException {
        Listing listing = listings.listing(position);
        PairRules rules = listings.rules(position);
        String quote = quoteAsset(listing.pair());
        g.writeStartObject();
        g.writeStringField("symbol", listing.pair());
        g.writeStringField("status", statusOf(position));
        g.writeStringField(
                "baseAsset", listing.pair().substring(0, listing.pair().length() - quote.length()));
        g.writeNumberField("baseAssetPrecision", DECIMALS);
        g.writeStringField("quoteAsset", quote);
        g.writeNumberField("quotePrecision", DECIMALS);
        g.writeNumberField("quoteAssetPrecision", DECIMALS);
        g.writeNumberField("baseCommissionPrecision", DECIMALS);
        g.writeNumberField("quoteCommissionPrecision", DECIMALS);
        g.writeArrayFieldStart("orderTypes");
        for (String type : ORDER_TYPES) {
            g.writeString(type);
        }
        g.writeEndArray();
        g.writeBooleanField("icebergAllowed", true);
        g.writeBooleanField("ocoAllowed", true);
        g.writeBooleanField("otoAllowed", true);
        g.writeBooleanField("quoteOrderQtyMarketAllowed", true);
        g.writeBooleanField("allowTrailingStop", true);
        g.writeBooleanField("cancelReplaceAllowed", true);
        g.writeBooleanField("amendAllowed", true);
        g.writeBooleanField("isSpotTradingAllowed", true);
        g.writeBooleanField("isMarginTradingAllowed", false);
        g.writeArrayFieldStart("filters");
        // Binance prints filter numbers with eight decimals and no finer tick than 0.00000001
        String tick = PairRules.padded(rules.tickSize().max(MIN_STEP), DECIMALS);
        String step = PairRules.padded(rules.stepSize(), DECIMALS);
        String maxQty = PairRules.padded(rules.maxQty(), DECIMALS);
        g.writeStartObject();
        g.writeStringField("filterType", "PRICE_FILTER");
        g.writeStringField("minPrice", tick);
        g.writeStringField("maxPrice", PairRules.padded(rules.maxPrice(), DECIMALS));
        g.writeStringField("tickSize", tick);
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("filterType", "LOT_SIZE");
        g.writeStringField("minQty", PairRules.padded(rules.minQty(), DECIMALS));
        g.writeStringField("maxQty", maxQty);
        g.writeStringField("stepSize", step);
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("filterType", "ICEBERG_PARTS");
        g.writeNumberField("limit", 10);
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("filterType", "MARKET_LOT_SIZE");
        g.writeStringField("minQty", PairRules.padded(BigDecimal.ZERO, DECIMALS));
        g.writeStringField("maxQty", maxQty);
        g.writeStringField("stepSize", PairRules.padded(BigDecimal.ZERO, DECIMALS));
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("filterType", "NOTIONAL");
        g.writeStringField("minNotional", PairRules.padded(MIN_NOTIONAL, DECIMALS));
        g.writeBooleanField("applyMinToMarket", true);
        g.writeStringField("maxNotional", PairRules.padded(MAX_NOTIONAL, DECIMALS));
        g.writeBooleanField("applyMaxToMarket", false);
        g.writeNumberField("avgPriceMins", 5);
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("filterType", "MAX_NUM_ORDERS");
        g.writeNumberField("maxNumOrders", 200);
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("filterType", "MAX_NUM_ALGO_ORDERS");
        g.writeNumberField("maxNumAlgoOrders", 5);
        g.writeEndObject();
        g.writeEndArray();
        g.writeArrayFieldStart("permissions");
        g.writeEndArray();
        g.writeArrayFieldStart("permissionSets");
        g.writeStartArray();
        g.writeString("SPOT");
        g.writeEndArray();
        g.writeEndArray();
        g.writeStringField("defaultSelfTradePreventionMode", "EXPIRE_MAKER");
        g.writeArrayFieldStart("allowedSelfTradePreventionModes");
        for (String mode : STP_MODES) {
            g.writeString(mode);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void rateLimit(JsonGenerator g, String type, String interval, int intervalNum, long limit)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("rateLimitType", type);
        g.writeStringField("interval", interval);
        g.writeNumberField("intervalNum", intervalNum);
        g.writeNumberField("limit", limit);
        g.writeEndObject();
    }

    /** The quote asset a pair name ends with (longest known suffix), e.g. {@code USDT} of {@code BTCUSDT}. */
    static String quoteAsset(String pair) {
        for (String quote : QUOTE_ASSETS) {
            if (pair.endsWith(quote) && pair.length() > quote.length()) {
                return quote;
            }
        }
        throw new IllegalStateException("no known quote asset at the end of Binance pair " + pair);
    }

    @Override
    public SimResponse serverError() {
        return error(500, -1001, "Internal error; unable to process your request. Please try again.");
    }

    @Override
    public SimResponse rateLimitFault(long retryAfterSeconds) {
        return error(
                        429,
                        -1003,
                        "Too much request weight used; current limit is " + limits.binanceWeightPerMinute()
                                + " request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.")
                .withHeader(WEIGHT_HEADER, Long.toString(limits.binanceWeightPerMinute()))
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }

    /** Request weight as Binance documents it for the ticker endpoints. */
    static int weight(SimRequest request) {
        boolean single = request.param("symbol").isPresent();
        Optional<String> symbols = request.param("symbols");
        return switch (request.path()) {
            case PRICE, BOOK -> single ? 2 : 4;
            case EXCHANGE_INFO -> EXCHANGE_INFO_WEIGHT;
            case DAY -> {
                if (single) {
                    yield 2;
                }
                if (symbols.isEmpty()) {
                    yield 80;
                }
                int n = parseSymbols(symbols.get()).map(List::size).orElse(1);
                yield n <= 20 ? 2 : n <= 100 ? 40 : 80;
            }
            default -> 1;
        };
    }

    /** The names of a {@code symbols} value, or empty when it is not a well-formed JSON array of names. */
    static Optional<List<String>> parseSymbols(String value) {
        if (!SYMBOLS.matcher(value).matches()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        Matcher m = QUOTED.matcher(value);
        while (m.find()) {
            names.add(m.group(1));
        }
        return Optional.of(names);
    }

    private void writeTicker(JsonGenerator g, String path, int position, PriceView view) throws IOException {
        Quote q = quoter.quote(listings.assetIndex(position), view);
        g.writeStartObject();
        g.writeStringField("symbol", listings.listing(position).pair());
        switch (path) {
            case PRICE -> g.writeStringField("price", num(q.last()));
            case BOOK -> {
                g.writeStringField("bidPrice", num(q.bid()));
                g.writeStringField("bidQty", qty(q.bidQty()));
                g.writeStringField("askPrice", num(q.ask()));
                g.writeStringField("askQty", qty(q.askQty()));
            }
            default -> {
                double change = q.last() - q.open();
                g.writeStringField("priceChange", num(change));
                g.writeStringField("priceChangePercent", String.format(Locale.ROOT, "%.3f", change / q.open() * 100));
                g.writeStringField("weightedAvgPrice", num(q.vwap()));
                g.writeStringField("prevClosePrice", num(q.open()));
                g.writeStringField("lastPrice", num(q.last()));
                g.writeStringField("lastQty", qty(q.lastQty()));
                g.writeStringField("bidPrice", num(q.bid()));
                g.writeStringField("bidQty", qty(q.bidQty()));
                g.writeStringField("askPrice", num(q.ask()));
                g.writeStringField("askQty", qty(q.askQty()));
                g.writeStringField("openPrice", num(q.open()));
                g.writeStringField("highPrice", num(q.high()));
                g.writeStringField("lowPrice", num(q.low()));
                g.writeStringField("volume", qty(q.baseVolume()));
                g.writeStringField("quoteVolume", qty(q.quoteVolume()));
                g.writeNumberField("openTime", q.timeMs() - DAY_MS);
                g.writeNumberField("closeTime", q.timeMs());
                g.writeNumberField("firstId", q.tradeId() - q.tradeCount() + 1);
                g.writeNumberField("lastId", q.tradeId());
                g.writeNumberField("count", q.tradeCount());
            }
        }
        g.writeEndObject();
    }

    /** Prices keep eight significant digits even below 0.00001, where Binance's fixed eight decimals would lose them. */
    static String num(double value) {
        return Decimals.padded(value, DECIMALS);
    }

    static String qty(double value) {
        return Decimals.fixed(value, DECIMALS);
    }

    private static SimResponse invalidSymbol() {
        return error(400, -1121, "Invalid symbol.");
    }

    private static SimResponse error(int status, int code, String msg) {
        return SimResponse.json(status, JsonBodies.write(g -> {
            g.writeStartObject();
            g.writeNumberField("code", code);
            g.writeStringField("msg", msg);
            g.writeEndObject();
        }));
    }
}
