package io.pricewire.sim.exchange;

import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.sim.RateLimits;
import io.pricewire.sim.market.Decimals;
import io.pricewire.sim.market.Market;
import io.pricewire.sim.market.PriceView;
import io.pricewire.sim.market.Quote;
import io.pricewire.sim.market.Quoter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coinbase Exchange: {@code GET /products/{BASE-USD}/ticker}, one product per call (there is no bulk
 * ticker), 10 requests/s per IP with bursts to 15.
 */
public final class CoinbaseDialect implements Dialect {
    private static final Pattern TICKER = Pattern.compile("/products/([^/]+)/ticker");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Listings listings;
    private final Quoter quoter;
    private final boolean enforce;
    private final PerClient<TokenBucket> buckets;

    public CoinbaseDialect(Market market, Quoter quoter, RateLimits limits, boolean enforce) {
        this.listings = new Listings(ExchangeId.COINBASE, market.universe().all(), false);
        this.quoter = quoter;
        this.enforce = enforce;
        this.buckets = new PerClient<>(() -> new TokenBucket(limits.coinbaseBurst(), limits.coinbasePerSecond()));
    }

    @Override
    public ExchangeId exchange() {
        return ExchangeId.COINBASE;
    }

    @Override
    public Admission admit(SimRequest request, long nowMs) {
        if (!enforce || buckets.of(request.client()).tryAcquire(nowMs)) {
            return Admission.ALLOWED;
        }
        return Admission.rejected(rateLimitAnswer());
    }

    @Override
    public SimResponse answer(SimRequest request, PriceView view) {
        Matcher m = TICKER.matcher(request.path());
        if (!request.isGet() || !m.matches()) {
            return notFound();
        }
        // product ids are case-insensitive on Coinbase (btc-usd works)
        OptionalInt position = listings.find(m.group(1).toUpperCase(Locale.ROOT));
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
