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
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * OKX v5: {@code GET /api/v5/market/tickers?instType=SPOT} (every spot instrument),
 * {@code /api/v5/market/ticker?instId=BTC-USDT} and the {@code /api/v5/public/instruments?instType=SPOT}
 * listing; 20 requests per 2 s per IP and endpoint. Business errors come back
 * with HTTP 200 and a non-zero {@code code}, as on the real exchange.
 */
public final class OkxDialect implements Dialect {
    static final String TICKERS = "/api/v5/market/tickers";
    static final String TICKER = "/api/v5/market/ticker";
    static final String INSTRUMENTS = "/api/v5/public/instruments";
    /** 2019-01-01T00:00:00Z: listing times are spread from here, one day per rank. */
    private static final long FIRST_LIST_TIME_MS = 1_546_300_800_000L;

    private static final long DAY_MS = 86_400_000L;
    private static final Set<String> OTHER_INST_TYPES = Set.of("SWAP", "FUTURES", "OPTION", "MARGIN");

    private final Listings listings;
    private final Quoter quoter;
    private final boolean enforce;
    private final PerClient<SlidingWindow> windows;
    /** OKX limits each endpoint on its own: reading instruments does not use up the tickers' budget. */
    private final PerClient<SlidingWindow> instrumentWindows;

    public OkxDialect(Market market, Quoter quoter, RateLimits limits, boolean enforce) {
        this.listings = new Listings(ExchangeId.OKX, market, false);
        this.quoter = quoter;
        this.enforce = enforce;
        this.windows = new PerClient<>(
                () -> new SlidingWindow(limits.okxRequests(), limits.okxWindow().toMillis()));
        this.instrumentWindows = new PerClient<>(
                () -> new SlidingWindow(limits.okxRequests(), limits.okxWindow().toMillis()));
    }

    @Override
    public Listings listings() {
        return listings;
    }

    @Override
    public Admission admit(SimRequest request, long nowMs) {
        PerClient<SlidingWindow> limiter = request.path().equals(INSTRUMENTS) ? instrumentWindows : windows;
        return Admission.of(!enforce || limiter.of(request.client()).tryAcquire(nowMs), OkxDialect::rateLimitAnswer);
    }

    @Override
    public SimResponse answer(SimRequest request, PriceView view) {
        if (!request.isGet()) {
            return notFound();
        }
        return switch (request.path()) {
            case TICKERS -> tickers(request.param("instType"), view);
            case TICKER -> ticker(request.param("instId"), view);
            case INSTRUMENTS -> instruments(request);
            default -> notFound();
        };
    }

    @Override
    public SimResponse serverError() {
        return body(503, "50001", "Service temporarily unavailable. Please try again later.", true);
    }

    @Override
    public SimResponse rateLimitFault(long retryAfterSeconds) {
        // OKX sends no Retry-After with its 429
        return rateLimitAnswer();
    }

    private SimResponse tickers(Optional<String> instType, PriceView view) {
        if (instType.isEmpty() || instType.get().isEmpty()) {
            return body(400, "50014", "Parameter instType can not be empty.", true);
        }
        if (OTHER_INST_TYPES.contains(instType.get())) {
            return data(List.of(), view);
        }
        if (!instType.get().equals("SPOT")) {
            return body(400, "51000", "Parameter instType error", true);
        }
        return SimResponse.json(200, JsonBodies.write(g -> {
            start(g);
            for (int p : listings.listedPositions()) {
                writeTicker(g, p, view);
            }
            end(g);
        }));
    }

    private SimResponse ticker(Optional<String> instId, PriceView view) {
        if (instId.isEmpty() || instId.get().isEmpty()) {
            return body(400, "50014", "Parameter instId can not be empty.", true);
        }
        OptionalInt p = listings.findListed(instId.get());
        if (p.isEmpty()) {
            return instrumentUnknown();
        }
        return data(List.of(p.getAsInt()), view);
    }

    /**
     * {@code GET /api/v5/public/instruments}: the SPOT instruments trading now. A delisted instrument is
     * dropped, as OKX does ({@code suspend} is its state for a pause, not for a delisting).
     */
    private SimResponse instruments(SimRequest request) {
        Optional<String> instType = request.param("instType");
        Optional<String> instId = request.param("instId");
        if (instType.isEmpty() || instType.get().isEmpty()) {
            return body(400, "50014", "Parameter instType can not be empty.", true);
        }
        if (instType.get().equals("OPTION")
                && request.param("uly").isEmpty()
                && request.param("instFamily").isEmpty()) {
            return body(400, "50015", "Either parameter uly or instFamily is required", true);
        }
        if (OTHER_INST_TYPES.contains(instType.get())) {
            return SimResponse.json(200, JsonBodies.write(g -> {
                start(g);
                end(g);
            }));
        }
        if (!instType.get().equals("SPOT")) {
            return body(400, "51000", "Parameter instType error", true);
        }
        List<Integer> positions;
        if (instId.isPresent() && !instId.get().isEmpty()) {
            OptionalInt p = listings.findListed(instId.get());
            if (p.isEmpty()) {
                return instrumentUnknown();
            }
            positions = List.of(p.getAsInt());
        } else {
            positions = listings.listedPositions();
        }
        return SimResponse.json(200, JsonBodies.write(g -> {
            start(g);
            for (int p : positions) {
                writeInstrument(g, p);
            }
            end(g);
        }));
    }

    private void writeInstrument(JsonGenerator g, int position) throws IOException {
        String instId = listings.listing(position).pair();
        int dash = instId.indexOf('-');
        PairRules rules = listings.rules(position);
        String maxQty = PairRules.plain(rules.maxQty());
        g.writeStartObject();
        g.writeStringField("alias", "");
        g.writeStringField("auctionEndTime", "");
        g.writeStringField("baseCcy", instId.substring(0, dash));
        g.writeStringField("category", "1");
        g.writeStringField("ctMult", "");
        g.writeStringField("ctType", "");
        g.writeStringField("ctVal", "");
        g.writeStringField("ctValCcy", "");
        g.writeStringField("expTime", "");
        g.writeStringField("instFamily", "");
        g.writeStringField("instId", instId);
        g.writeStringField("instType", "SPOT");
        g.writeStringField("lever", "");
        g.writeStringField("listTime", Long.toString(FIRST_LIST_TIME_MS + listings.assetIndex(position) * DAY_MS));
        g.writeStringField("lotSz", PairRules.plain(rules.stepSize()));
        g.writeStringField("maxIcebergSz", maxQty);
        g.writeStringField("maxLmtAmt", "20000000");
        g.writeStringField("maxLmtSz", maxQty);
        g.writeStringField("maxMktAmt", "1000000");
        g.writeStringField("maxMktSz", maxQty);
        g.writeStringField("maxStopSz", maxQty);
        g.writeStringField("maxTriggerSz", maxQty);
        g.writeStringField("maxTwapSz", maxQty);
        g.writeStringField("minSz", PairRules.plain(rules.minQty()));
        g.writeStringField("optType", "");
        g.writeStringField("quoteCcy", instId.substring(dash + 1));
        g.writeStringField("ruleType", "normal");
        g.writeStringField("settleCcy", "");
        g.writeStringField("state", "live");
        g.writeStringField("stk", "");
        g.writeStringField("tickSz", PairRules.plain(rules.tickSize()));
        g.writeStringField("uly", "");
        g.writeEndObject();
    }

    private static SimResponse instrumentUnknown() {
        return body(200, "51001", "Instrument ID does not exist", true);
    }

    private SimResponse data(List<Integer> positions, PriceView view) {
        return SimResponse.json(200, JsonBodies.write(g -> {
            start(g);
            for (int p : positions) {
                writeTicker(g, p, view);
            }
            end(g);
        }));
    }

    private void writeTicker(JsonGenerator g, int position, PriceView view) throws IOException {
        Quote q = quoter.quote(listings.assetIndex(position), view);
        g.writeStartObject();
        writeTickerFields(g, listings.listing(position).pair(), q);
        g.writeStringField("ts", Long.toString(q.timeMs()));
        g.writeStringField("sodUtc0", Decimals.plain(q.open()));
        g.writeStringField("sodUtc8", Decimals.plain((q.open() + q.last()) / 2));
        g.writeEndObject();
    }

    /**
     * The ticker fields the REST ticker and the WebSocket {@code tickers} push share, in the order both print them;
     * each writes {@code ts} and the {@code sodUtc} fields after these in its own order.
     */
    static void writeTickerFields(JsonGenerator g, String instId, Quote q) throws IOException {
        g.writeStringField("instType", "SPOT");
        g.writeStringField("instId", instId);
        g.writeStringField("last", Decimals.plain(q.last()));
        g.writeStringField("lastSz", Decimals.plain(q.lastQty()));
        g.writeStringField("askPx", Decimals.plain(q.ask()));
        g.writeStringField("askSz", Decimals.plain(q.askQty()));
        g.writeStringField("bidPx", Decimals.plain(q.bid()));
        g.writeStringField("bidSz", Decimals.plain(q.bidQty()));
        g.writeStringField("open24h", Decimals.plain(q.open()));
        g.writeStringField("high24h", Decimals.plain(q.high()));
        g.writeStringField("low24h", Decimals.plain(q.low()));
        // for SPOT, volCcy24h is in the quote currency and vol24h in the base currency
        g.writeStringField("volCcy24h", Decimals.plain(q.quoteVolume()));
        g.writeStringField("vol24h", Decimals.plain(q.baseVolume()));
    }

    private static void start(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("code", "0");
        g.writeStringField("msg", "");
        g.writeArrayFieldStart("data");
    }

    private static void end(JsonGenerator g) throws IOException {
        g.writeEndArray();
        g.writeEndObject();
    }

    private static SimResponse rateLimitAnswer() {
        return body(429, "50011", "Too Many Requests", false);
    }

    private static SimResponse notFound() {
        return body(404, "404", "Not Found", true);
    }

    private static SimResponse body(int status, String code, String msg, boolean withData) {
        return SimResponse.json(status, JsonBodies.write(g -> {
            g.writeStartObject();
            g.writeStringField("code", code);
            g.writeStringField("msg", msg);
            if (withData) {
                g.writeArrayFieldStart("data");
                g.writeEndArray();
            }
            g.writeEndObject();
        }));
    }
}
