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
import java.util.List;
import java.util.OptionalInt;

/**
 * Kraken Spot: {@code GET /0/public/Ticker?pair=A,B} (no pair = every pair), answered under Kraken's own
 * result keys ({@code XXBTZUSD} for {@code XBTUSD}). Errors, including the rate limit, arrive in the
 * {@code error} array with HTTP 200, as on the real exchange.
 */
public final class KrakenDialect implements Dialect {
    static final String TICKER = "/0/public/Ticker";
    private static final long DAY_MS = 86_400_000L;

    private final Listings listings;
    private final Quoter quoter;
    private final boolean enforce;
    private final PerClient<DecayingCounter> counters;

    public KrakenDialect(Market market, Quoter quoter, RateLimits limits, boolean enforce) {
        this.listings = new Listings(ExchangeId.KRAKEN, market.universe().all(), true);
        this.quoter = quoter;
        this.enforce = enforce;
        this.counters = new PerClient<>(() -> new DecayingCounter(limits.krakenMaxCounter(), limits.krakenDecayPerSecond()));
    }

    @Override
    public ExchangeId exchange() {
        return ExchangeId.KRAKEN;
    }

    @Override
    public Admission admit(SimRequest request, long nowMs) {
        if (!enforce || counters.of(request.client()).tryCall(nowMs)) {
            return Admission.ALLOWED;
        }
        return Admission.rejected(errors(200, "EGeneral:Too many requests"));
    }

    @Override
    public SimResponse answer(SimRequest request, PriceView view) {
        if (!request.path().equals(TICKER)) {
            return errors(404, "EGeneral:Unknown method");
        }
        List<Integer> positions = new ArrayList<>();
        String pairs = request.param("pair").orElse("");
        if (pairs.isBlank()) {
            for (int p = 0; p < listings.size(); p++) {
                positions.add(p);
            }
        } else {
            for (String name : pairs.split(",", -1)) {
                OptionalInt p = listings.find(name.trim());
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
                writeTicker(g, p, view);
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
        strings(g, "a", price(q.ask()), Long.toString(Math.max(1, Math.round(q.askQty()))), Decimals.padded(q.askQty(), 3));
        strings(g, "b", price(q.bid()), Long.toString(Math.max(1, Math.round(q.bidQty()))), Decimals.padded(q.bidQty(), 3));
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
