package io.pricewire.sim.exchange;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.exchange.Listing;
import io.pricewire.sim.market.Decimals;
import io.pricewire.sim.market.Quote;
import io.pricewire.sim.market.Quoter;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Kraken Spot WebSocket v2 at {@code /v2}: a {@code status} banner on connect; {@code subscribe} and
 * {@code unsubscribe} to the {@code ticker} channel with one ack per symbol, a snapshot (unless
 * {@code snapshot:false}) and then an update per market step, one symbol per message, numbers as JSON
 * numbers; {@code {"method":"ping"}} answered with a pong; {@code {"channel":"heartbeat"}} about once a
 * second when nothing else was sent. Symbols are v2 names ({@code BTC/USD}, not the REST {@code XBT/USD}).
 */
public final class KrakenStream implements StreamDialect {
    private static final String TICKER = "ticker";
    private static final String HEARTBEAT = "{\"channel\":\"heartbeat\"}";

    private final Listings listings;
    private final Quoter quoter;
    private final Map<String, Integer> bySymbol = new HashMap<>();
    private final String[] symbols;

    public KrakenStream(Listings listings, Quoter quoter) {
        this.listings = listings;
        this.quoter = quoter;
        symbols = new String[listings.size()];
        for (int p = 0; p < listings.size(); p++) {
            Listing listing = listings.listing(p);
            // v2 speaks ISO codes: BTC/USD where REST says XBTUSD and its wsname XBT/USD
            symbols[p] = listing.symbol() + "/" + KrakenDialect.names(listing)[3];
            bySymbol.put(symbols[p], p);
        }
    }

    @Override
    public boolean servesPath(String path) {
        return path.equals("/v2");
    }

    @Override
    public StreamConnection open(WsSession session, SimRequest handshake) {
        String connectionId = Long.toUnsignedString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        session.sendControl("{\"channel\":\"status\",\"type\":\"update\",\"data\":[{\"version\":\"2.0.10\","
                + "\"system\":\"online\",\"api_version\":\"v2\",\"connection_id\":" + connectionId + "}]}");
        return new Connection(session);
    }

    private final class Connection implements StreamConnection {
        private final WsSession session;
        /** Subscribed symbol → listing position, in subscription order. */
        private final Map<String, Integer> subs = new LinkedHashMap<>();

        private boolean everSubscribed;
        private long heartbeatCheckNanos = System.nanoTime();

        Connection(WsSession session) {
            this.session = session;
            session.every(session.settings().heartbeatInterval(), this::heartbeat);
        }

        @Override
        public void onText(String text) {
            Instant in = session.clock().instant();
            JsonNode msg = ClientFrames.read(text, session, e -> failure("Malformed request", null, null, null, in));
            if (msg == null) {
                return;
            }
            String method = msg.path("method").asText();
            JsonNode reqId = msg.get("req_id");
            switch (method) {
                case "ping" ->
                    session.sendControl(JsonBodies.text(g -> {
                        g.writeStartObject();
                        g.writeStringField("method", "pong");
                        writeReqId(g, reqId);
                        times(g, in);
                        g.writeEndObject();
                    }));
                case "subscribe", "unsubscribe" -> subscription(method, msg.path("params"), reqId, in);
                default -> session.sendControl(failure("Method not supported: " + method, method, null, reqId, in));
            }
        }

        private void subscription(String method, JsonNode params, JsonNode reqId, Instant in) {
            String channel = params.path("channel").asText();
            if (!channel.equals(TICKER)) {
                session.sendControl(failure("Channel not supported: " + channel, method, null, reqId, in));
                return;
            }
            JsonNode names = params.path("symbol");
            if (!names.isArray() || names.isEmpty()) {
                session.sendControl(failure("Symbol not provided", method, null, reqId, in));
                return;
            }
            boolean subscribe = method.equals("subscribe");
            boolean snapshot = params.path("snapshot").asBoolean(true);
            for (JsonNode n : names) {
                String symbol = n.asText();
                Integer p = bySymbol.get(symbol);
                if (p == null || !listings.isListed(p)) {
                    session.sendControl(failure("Currency pair not supported " + symbol, method, symbol, reqId, in));
                    continue;
                }
                if (subscribe) {
                    subs.put(symbol, p);
                    everSubscribed = true;
                } else {
                    subs.remove(symbol);
                }
                session.sendControl(JsonBodies.text(g -> {
                    g.writeStartObject();
                    g.writeStringField("method", method);
                    g.writeObjectFieldStart("result");
                    g.writeStringField("channel", TICKER);
                    g.writeStringField("symbol", symbol);
                    if (subscribe) {
                        g.writeBooleanField("snapshot", snapshot);
                    }
                    g.writeEndObject();
                    g.writeBooleanField("success", true);
                    times(g, in);
                    writeReqId(g, reqId);
                    g.writeEndObject();
                }));
                if (subscribe && snapshot) {
                    session.sendData(ticker(
                            "snapshot",
                            p,
                            session.view().timeMs(),
                            quoter.quote(listings.assetIndex(p), session.view())));
                }
            }
        }

        @Override
        public void onTick(Tick tick) {
            for (int p : subs.values()) {
                if (listings.isListed(p)) {
                    session.sendData(tick.rendered(
                            0,
                            p,
                            () -> ticker(
                                    "update",
                                    p,
                                    tick.view().timeMs(),
                                    quoter.quote(listings.assetIndex(p), tick.view()))));
                }
            }
        }

        /** Heartbeats start with the first subscription and fill the seconds in which nothing else was sent. */
        private void heartbeat() {
            long previous = heartbeatCheckNanos;
            heartbeatCheckNanos = System.nanoTime();
            if (everSubscribed && session.lastSentNanos() <= previous) {
                session.sendData(HEARTBEAT);
            }
        }

        /** {@code {"error":…,"method":…,"success":false,"symbol":…,"time_in":…,"time_out":…}} as Kraken sends it. */
        private String failure(String error, String method, String symbol, JsonNode reqId, Instant in) {
            return JsonBodies.text(g -> {
                g.writeStartObject();
                g.writeStringField("error", error);
                if (method != null) {
                    g.writeStringField("method", method);
                }
                g.writeBooleanField("success", false);
                if (symbol != null) {
                    g.writeStringField("symbol", symbol);
                }
                times(g, in);
                writeReqId(g, reqId);
                g.writeEndObject();
            });
        }

        private void times(JsonGenerator g, Instant in) throws IOException {
            g.writeStringField("time_in", StreamTimes.micros(in.truncatedTo(ChronoUnit.MICROS)));
            g.writeStringField(
                    "time_out",
                    StreamTimes.micros(in.truncatedTo(ChronoUnit.MICROS).plus(21, ChronoUnit.MICROS)));
        }
    }

    /** One symbol per message: ccxt, like Kraken's own examples, reads {@code data[0]} only. */
    private String ticker(String type, int position, long timeMs, Quote q) {
        return JsonBodies.text(g -> {
            g.writeStartObject();
            g.writeStringField("channel", TICKER);
            g.writeStringField("type", type);
            g.writeArrayFieldStart("data");
            g.writeStartObject();
            g.writeStringField("symbol", symbols[position]);
            number(g, "bid", Decimals.plain(q.bid()));
            number(g, "bid_qty", Decimals.plain(q.bidQty()));
            number(g, "ask", Decimals.plain(q.ask()));
            number(g, "ask_qty", Decimals.plain(q.askQty()));
            number(g, "last", Decimals.plain(q.last()));
            number(g, "volume", Decimals.plain(q.baseVolume()));
            number(g, "vwap", Decimals.plain(q.vwap()));
            number(g, "low", Decimals.plain(q.low()));
            number(g, "high", Decimals.plain(q.high()));
            number(g, "change", Decimals.plain(q.last() - q.open()));
            number(g, "change_pct", String.format(Locale.ROOT, "%.2f", (q.last() - q.open()) / q.open() * 100));
            g.writeStringField("timestamp", StreamTimes.micros(timeMs, q.tradeId() * 7919));
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** A JSON number written as given, so it keeps the digits the sim prints (Kraken sends numbers, not strings). */
    private static void number(JsonGenerator g, String field, String value) throws IOException {
        g.writeFieldName(field);
        g.writeNumber(value);
    }

    private static void writeReqId(JsonGenerator g, JsonNode reqId) throws IOException {
        if (reqId != null && reqId.isIntegralNumber()) {
            g.writeNumberField("req_id", reqId.longValue());
        }
    }
}
