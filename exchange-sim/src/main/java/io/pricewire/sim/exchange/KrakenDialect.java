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
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Kraken Spot: {@code GET /0/public/Ticker?pair=A,B} (no pair = every pair), answered under Kraken's own
 * result keys ({@code XXBTZUSD} for {@code XBTUSD}), and the {@code GET /0/public/AssetPairs} listing under
 * the same keys. Errors, including the rate limit, arrive in the
 * {@code error} array with HTTP 200, as on the real exchange.
 */
public final class KrakenDialect implements Dialect {
    static final String TICKER = "/0/public/Ticker";
    static final String ASSET_PAIRS = "/0/public/AssetPairs";
    private static final int COST_DECIMALS = 5;
    private static final int LOT_DECIMALS = 8;
    /** {X/Z-form, request form} of the quote currencies, longest request form first. */
    private static final String[][] QUOTES = {{"USDT", "USDT"}, {"USDC", "USDC"}, {"ZUSD", "USD"}, {"ZEUR", "EUR"}};
    /** Volume tier (USD per 30 days) and fee in percent, as Kraken publishes them. */
    private static final double[][] TAKER_FEES = {
        {0, 0.26},
        {50_000, 0.24},
        {100_000, 0.22},
        {250_000, 0.2},
        {500_000, 0.18},
        {1_000_000, 0.16},
        {2_500_000, 0.14},
        {5_000_000, 0.12},
        {10_000_000, 0.1}
    };

    private static final double[][] MAKER_FEES = {
        {0, 0.16},
        {50_000, 0.14},
        {100_000, 0.12},
        {250_000, 0.1},
        {500_000, 0.08},
        {1_000_000, 0.06},
        {2_500_000, 0.04},
        {5_000_000, 0.02},
        {10_000_000, 0.0}
    };
    private static final long DAY_MS = 86_400_000L;

    private final Listings listings;
    private final Quoter quoter;
    private final boolean enforce;
    private final PerClient<DecayingCounter> counters;

    public KrakenDialect(Market market, Quoter quoter, RateLimits limits, boolean enforce) {
        this.listings = new Listings(ExchangeId.KRAKEN, market, true);
        this.quoter = quoter;
        this.enforce = enforce;
        this.counters =
                new PerClient<>(() -> new DecayingCounter(limits.krakenMaxCounter(), limits.krakenDecayPerSecond()));
    }

    @Override
    public Listings listings() {
        return listings;
    }

    @Override
    public Admission admit(SimRequest request, long nowMs) {
        return Admission.of(
                !enforce || counters.of(request.client()).tryCall(nowMs),
                () -> errors(200, "EGeneral:Too many requests"));
    }

    @Override
    public SimResponse answer(SimRequest request, PriceView view) {
        boolean ticker = request.path().equals(TICKER);
        if (!ticker && !request.path().equals(ASSET_PAIRS)) {
            return errors(404, "EGeneral:Unknown method");
        }
        // Kraken drops a delisted pair from both endpoints: naming it fails the whole call
        List<Integer> positions = new ArrayList<>();
        String pairs = request.param("pair").orElse("");
        if (pairs.isBlank()) {
            positions.addAll(listings.listedPositions());
        } else {
            for (String name : pairs.split(",", -1)) {
                OptionalInt p = listings.findListed(name.trim());
                if (p.isEmpty()) {
                    return errors(200, "EQuery:Unknown asset pair");
                }
                positions.add(p.getAsInt());
            }
        }
        return SimResponse.json(200, JsonBodies.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("error");
            g.writeEndArray();
            g.writeObjectFieldStart("result");
            for (int p : positions) {
                if (ticker) {
                    writeTicker(g, p, view);
                } else {
                    writeAssetPair(g, p);
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        }));
    }

    @Override
    public SimResponse serverError() {
        return errors(503, "EService:Unavailable");
    }

    @Override
    public SimResponse rateLimitFault(long retryAfterSeconds) {
        return errors(200, "EGeneral:Too many requests");
    }

    private void writeTicker(JsonGenerator g, int position, PriceView view) throws IOException {
        Quote q = quoter.quote(listings.assetIndex(position), view);
        // share of the UTC day gone by: Kraken's "today" columns cover midnight until now
        double today = Math.max(0.01, Math.floorMod(q.timeMs(), DAY_MS) / (double) DAY_MS);
        g.writeObjectFieldStart(listings.listing(position).resultKey());
        strings(
                g,
                "a",
                price(q.ask()),
                Long.toString(Math.max(1, Math.round(q.askQty()))),
                Decimals.padded(q.askQty(), 3));
        strings(
                g,
                "b",
                price(q.bid()),
                Long.toString(Math.max(1, Math.round(q.bidQty()))),
                Decimals.padded(q.bidQty(), 3));
        strings(g, "c", price(q.last()), volume(q.lastQty()));
        strings(g, "v", volume(q.baseVolume() * today), volume(q.baseVolume()));
        strings(g, "p", price(q.vwap()), price(q.vwap()));
        g.writeArrayFieldStart("t");
        g.writeNumber(Math.max(1, Math.round(q.tradeCount() * today)));
        g.writeNumber(q.tradeCount());
        g.writeEndArray();
        strings(g, "l", price(q.low()), price(q.low()));
        strings(g, "h", price(q.high()), price(q.high()));
        g.writeStringField("o", price(q.open()));
        g.writeEndObject();
    }

    /**
     * One {@code AssetPairs} entry under the same key the Ticker answers with ({@code XXBTZUSD}); the request
     * name is its {@code altname}. The {@code info} parameter is accepted and ignored (always the full entry).
     */
    private void writeAssetPair(JsonGenerator g, int position) throws IOException {
        Listing listing = listings.listing(position);
        PairRules rules = listings.rules(position);
        String[] names = names(listing);
        g.writeObjectFieldStart(listing.resultKey());
        g.writeStringField("altname", listing.pair());
        g.writeStringField("wsname", names[2] + "/" + names[3]);
        g.writeStringField("aclass_base", "currency");
        g.writeStringField("base", names[0]);
        g.writeStringField("aclass_quote", "currency");
        g.writeStringField("quote", names[1]);
        g.writeStringField("lot", "unit");
        g.writeNumberField("cost_decimals", COST_DECIMALS);
        g.writeNumberField("pair_decimals", rules.priceDecimals());
        g.writeNumberField("lot_decimals", LOT_DECIMALS);
        g.writeNumberField("lot_multiplier", 1);
        g.writeArrayFieldStart("leverage_buy");
        g.writeEndArray();
        g.writeArrayFieldStart("leverage_sell");
        g.writeEndArray();
        feeSchedule(g, "fees", TAKER_FEES);
        feeSchedule(g, "fees_maker", MAKER_FEES);
        g.writeStringField("fee_volume_currency", "ZUSD");
        g.writeNumberField("margin_call", 80);
        g.writeNumberField("margin_stop", 40);
        g.writeStringField("ordermin", PairRules.plain(rules.minQty()));
        g.writeStringField("costmin", "0.5");
        g.writeStringField("tick_size", PairRules.plain(rules.tickSize()));
        g.writeStringField("status", "online");
        g.writeEndObject();
    }

    /**
     * Kraken's names of a pair's two sides: {base, quote} in the X/Z form of the result key ({@code XXBT},
     * {@code ZUSD}) and {base, quote} in the request name's form ({@code XBT}, {@code USD}) for {@code wsname}.
     */
    static String[] names(Listing listing) {
        String alt = listing.pair();
        String key = listing.resultKey();
        for (String[] quote : QUOTES) {
            if (alt.endsWith(quote[1]) && alt.length() > quote[1].length()) {
                String altBase = alt.substring(0, alt.length() - quote[1].length());
                // a key equal to the request name (SOLUSD, XTZUSD) has the plain base, whatever letters it ends with
                String base = !key.equals(alt) && key.endsWith(quote[0]) && key.length() > quote[0].length()
                        ? key.substring(0, key.length() - quote[0].length())
                        : altBase;
                return new String[] {base, quote[0], altBase, quote[1]};
            }
        }
        throw new IllegalStateException("no known quote currency at the end of Kraken pair " + alt);
    }

    private static void feeSchedule(JsonGenerator g, String field, double[][] schedule) throws IOException {
        g.writeArrayFieldStart(field);
        for (double[] tier : schedule) {
            g.writeStartArray();
            g.writeNumber((long) tier[0]);
            g.writeNumber(tier[1]);
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String field, String... values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static String price(double value) {
        return Decimals.padded(value, 5);
    }

    private static String volume(double value) {
        return Decimals.padded(value, 8);
    }

    private static SimResponse errors(int status, String error) {
        return SimResponse.json(status, JsonBodies.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("error");
            g.writeString(error);
            g.writeEndArray();
            g.writeEndObject();
        }));
    }
}
