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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coinbase Exchange: {@code GET /products/{BASE-USD}/ticker}, one product per call (there is no bulk
 * ticker); the {@code GET /products} and {@code GET /products/{id}} listings; 10 requests/s per IP with
 * bursts to 15.
 */
public final class CoinbaseDialect implements Dialect {
    static final String PRODUCTS = "/products";
    private static final Pattern PRODUCT = Pattern.compile("/products/([^/]+)");
    private static final Pattern TICKER = Pattern.compile("/products/([^/]+)/ticker");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Listings listings;
    private final Quoter quoter;
    private final boolean enforce;
    private final PerClient<TokenBucket> buckets;

    public CoinbaseDialect(Market market, Quoter quoter, RateLimits limits, boolean enforce) {
        this.listings = new Listings(ExchangeId.COINBASE, market, false);
        this.quoter = quoter;
        this.enforce = enforce;
        this.buckets = new PerClient<>(() -> new TokenBucket(limits.coinbaseBurst(), limits.coinbasePerSecond()));
    }

    @Override
    public Listings listings() {
        return listings;
    }

    @Override
    public Admission admit(SimRequest request, long nowMs) {
        return Admission.of(
                !enforce || buckets.of(request.client()).tryAcquire(nowMs), CoinbaseDialect::rateLimitAnswer);
    }

    @Override
    public SimResponse answer(SimRequest request, PriceView view) {
        if (!request.isGet()) {
            return notFound();
        }
        if (request.path().equals(PRODUCTS)) {
            return products();
        }
        Matcher product = PRODUCT.matcher(request.path());
        if (product.matches()) {
            return product(product.group(1));
        }
        Matcher m = TICKER.matcher(request.path());
        if (!m.matches()) {
            return notFound();
        }
        // product ids are case-insensitive on Coinbase (btc-usd works); a delisted product has no ticker
        OptionalInt position = listings.findListed(m.group(1).toUpperCase(Locale.ROOT));
        if (position.isEmpty()) {
            return notFound();
        }
        Quote q = quoter.quote(listings.assetIndex(position.getAsInt()), view);
        return SimResponse.json(200, JsonBodies.write(g -> {
            g.writeStartObject();
            g.writeStringField("ask", Decimals.plain(q.ask()));
            g.writeStringField("bid", Decimals.plain(q.bid()));
            g.writeStringField("volume", Decimals.plain(q.baseVolume()));
            g.writeNumberField("trade_id", q.tradeId());
            g.writeStringField("price", Decimals.plain(q.last()));
            g.writeStringField("size", Decimals.plain(q.lastQty()));
            g.writeStringField("time", TIME.format(Instant.ofEpochMilli(q.timeMs())));
            g.writeEndObject();
        }));
    }

    /** {@code GET /products}: every product, a delisted one kept with status {@code delisted} as Coinbase does. */
    private SimResponse products() {
        return SimResponse.json(200, JsonBodies.write(g -> {
            g.writeStartArray();
            for (int p = 0; p < listings.size(); p++) {
                writeProduct(g, p);
            }
            g.writeEndArray();
        }));
    }

    private SimResponse product(String id) {
        OptionalInt position = listings.find(id.toUpperCase(Locale.ROOT));
        if (position.isEmpty()) {
            return notFound();
        }
        return SimResponse.json(200, JsonBodies.write(g -> writeProduct(g, position.getAsInt())));
    }

    private void writeProduct(JsonGenerator g, int position) throws IOException {
        String id = listings.listing(position).pair();
        int dash = id.indexOf('-');
        PairRules rules = listings.rules(position);
        boolean listed = listings.isListed(position);
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("base_currency", id.substring(0, dash));
        g.writeStringField("quote_currency", id.substring(dash + 1));
        g.writeStringField("quote_increment", PairRules.plain(rules.tickSize()));
        g.writeStringField("base_increment", PairRules.plain(rules.stepSize()));
        g.writeStringField("display_name", id);
        g.writeStringField("min_market_funds", "1");
        g.writeBooleanField("margin_enabled", false);
        g.writeBooleanField("post_only", false);
        g.writeBooleanField("limit_only", false);
        g.writeBooleanField("cancel_only", false);
        g.writeStringField("status", listed ? "online" : "delisted");
        g.writeStringField("status_message", "");
        g.writeBooleanField("trading_disabled", !listed);
        g.writeBooleanField("fx_stablecoin", false);
        g.writeStringField("max_slippage_percentage", "0.02000000");
        g.writeBooleanField("auction_mode", false);
        g.writeStringField("high_bid_limit_percentage", "");
        g.writeEndObject();
    }

    @Override
    public SimResponse serverError() {
        return message(500, "Internal server error");
    }

    @Override
    public SimResponse rateLimitFault(long retryAfterSeconds) {
        // Coinbase sends no Retry-After with its 429
        return rateLimitAnswer();
    }

    private static SimResponse rateLimitAnswer() {
        return message(429, "Public rate limit exceeded");
    }

    private static SimResponse notFound() {
        return message(404, "NotFound");
    }

    private static SimResponse message(int status, String message) {
        return SimResponse.json(status, JsonBodies.write(g -> {
            g.writeStartObject();
            g.writeStringField("message", message);
            g.writeEndObject();
        }));
    }
}
