package io.pricewire.sim.exchange;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.sim.RateLimits;
import io.pricewire.sim.market.Decimals;
import io.pricewire.sim.market.Market;
import io.pricewire.sim.market.PriceView;
import io.pricewire.sim.market.Quote;
import io.pricewire.sim.market.Quoter;
import java.io.IOException;
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
 * parameter (all), {@code symbol} or {@code symbols=[…]}; request weights and the per-IP weight limit with
 * {@code X-MBX-USED-WEIGHT-1M}, 429 + Retry-After and the 418 ban.
 */
public final class BinanceDialect implements Dialect {
    static final String PRICE = "/api/v3/ticker/price";
    static final String BOOK = "/api/v3/ticker/bookTicker";
    static final String DAY = "/api/v3/ticker/24hr";
    static final String WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M";

    private static final String NAME = "[A-Z0-9-_.]{1,20}";
    private static final Pattern SYMBOL = Pattern.compile(NAME);
    private static final Pattern SYMBOLS = Pattern.compile("\\[(\"" + NAME + "\"(,\"" + NAME + "\")*)?]");
    private static final Pattern QUOTED = Pattern.compile("\"(" + NAME + ")\"");
    private static final long DAY_MS = 86_400_000L;
    private static final int DECIMALS = 8;

    private final Listings listings;
    private final Quoter quoter;
    private final RateLimits limits;
    private final PerClient<WeightWindow> windows;

    public BinanceDialect(Market market, Quoter quoter, RateLimits limits, boolean enforce) {
        this.listings = new Listings(ExchangeId.BINANCE, market.universe().all(), false);
        this.quoter = quoter;
        this.limits = limits;
        this.windows = new PerClient<>(() -> new WeightWindow(limits.binanceWeightPerMinute(),
                limits.binanceBan().toMillis(), enforce));
    }

    @Override
    public ExchangeId exchange() {
        return ExchangeId.BINANCE;
    }

    @Override
    public Admission admit(SimRequest request, long nowMs) {
        WeightWindow.Verdict v = windows.of(request.client()).charge(weight(request), nowMs);
        Map<String, String> used = Map.of(WEIGHT_HEADER, Long.toString(v.usedWeight()));
        return switch (v.outcome()) {
            case OK -> Admission.allowed(used);
            case LIMITED -> Admission.rejected(error(429, -1003, "Too much request weight used; current limit is "
                    + limits.binanceWeightPerMinute() + " request weight per 1 MINUTE. Please use WebSocket Streams"
                    + " for live updates to avoid polling the API.")
                    .withHeaders(used).withHeader("Retry-After", Long.toString(v.retryAfterSeconds())));
            case BANNED -> Admission.rejected(error(418, -1003, "Way too much request weight used; IP banned until "
                    + (nowMs + v.retryAfterSeconds() * 1000) + ". Please use WebSocket Streams for live updates to"
                    + " avoid bans.")
                    .withHeaders(used).withHeader("Retry-After", Long.toString(v.retryAfterSeconds())));
        };
    }

    @Override
    public SimResponse answer(SimRequest request, PriceView view) {
        String path = request.path();
        if (!request.isGet() || !(path.equals(PRICE) || path.equals(BOOK) || path.equals(DAY))) {
            return error(404, -1020, "This operation is not supported.");
        }
        Optional<String> symbol = request.param("symbol");
        Optional<String> symbols = request.param("symbols");
        if (symbol.isPresent() && symbols.isPresent()) {
            return error(400, -1128, "Combination of optional parameters invalid.");
        }
        List<Integer> positions = new ArrayList<>();
        if (symbol.isPresent()) {
            String s = symbol.get();
            if (s.isEmpty()) {
                return error(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
            }
            if (!SYMBOL.matcher(s).matches()) {
                return error(400, -1100, "Illegal characters found in parameter 'symbol'; legal range is '^" + NAME + "$'.");
            }
            OptionalInt p = listings.find(s);
            if (p.isEmpty()) {
                return invalidSymbol();
            }
            return SimResponse.json(200, JsonBodies.write(g -> writeTicker(g, path, p.getAsInt(), view)));
        }
        if (symbols.isPresent()) {
            Optional<List<String>> names = parseSymbols(symbols.get());
            if (names.isEmpty()) {
                return error(400, -1100, "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\""
                        + NAME + "\"(,\"" + NAME + "\"){0,}){0,1}\\]$'.");
            }
            if (names.get().isEmpty()) {
                return error(400, -1102, "Mandatory parameter 'symbols' was not sent, was empty/null, or malformed.");
            }
            Set<String> seen = new HashSet<>();
            for (String name : names.get()) {
                if (!seen.add(name)) {
                    return error(400, -1101, "Duplicate values for a parameter detected.");
                }
                OptionalInt p = listings.find(name);
                if (p.isEmpty()) {
                    return invalidSymbol();
                }
                positions.add(p.getAsInt());
            }
        } else {
            for (int p = 0; p < listings.size(); p++) {
                positions.add(p);
            }
        }
        return SimResponse.json(200, JsonBodies.write(g -> {
            g.writeStartArray();
            for (int p : positions) {
                writeTicker(g, path, p, view);
            }
            g.writeEndArray();
        }));
    }

    @Override
    public SimResponse serverError() {
        return error(500, -1001, "Internal error; unable to process your request. Please try again.");
    }

    @Override
    public SimResponse rateLimitFault(long retryAfterSeconds) {
        return error(429, -1003, "Too much request weight used; current limit is " + limits.binanceWeightPerMinute()
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
    private static String num(double value) {
        return Decimals.padded(value, DECIMALS);
    }

    private static String qty(double value) {
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
