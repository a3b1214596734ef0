package io.pricewire.sim.exchange;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.sim.StreamSettings;
import io.pricewire.sim.market.Decimals;
import io.pricewire.sim.market.Quote;
import io.pricewire.sim.market.Quoter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * OKX v5 public WebSocket at {@code /ws/v5/public}: {@code subscribe}/{@code unsubscribe} to the
 * {@code tickers} channel (one ack per argument carrying the connection's {@code connId}, the current ticker
 * right after, then one push per market step), text {@code ping} answered by text {@code pong}, error 60018
 * for an instrument that does not exist. The connection is dropped after 30 s without a subscription or
 * without anything sent, and after 480 subscribe/unsubscribe requests in an hour it is refused with 60014.
 */
public final class OkxStream implements StreamDialect {
    private static final String TICKERS = "tickers";
    private static final long HOUR_NANOS = Duration.ofHours(1).toNanos();

    private final Listings listings;
    private final Quoter quoter;

    public OkxStream(Listings listings, Quoter quoter) {
        this.listings = listings;
        this.quoter = quoter;
    }

    @Override
    public boolean servesPath(String path) {
        return path.equals("/ws/v5/public");
    }

    @Override
    public StreamConnection open(WsSession session, SimRequest handshake) {
        return new Connection(session);
    }

    private final class Connection implements StreamConnection {
        private final WsSession session;
        private final StreamSettings settings;
        /** instId → listing position, in subscription order. */
        private final Map<String, Integer> subs = new LinkedHashMap<>();

        private final Deque<Long> requestTimes = new ArrayDeque<>();
        private long unsubscribedSince = System.nanoTime();

        Connection(WsSession session) {
            this.session = session;
            this.settings = session.settings();
            Duration idle = settings.okxIdleTimeout();
            session.every(idle.dividedBy(10).isZero() ? idle : idle.dividedBy(10), this::dropIfIdle);
        }

        /**
         * "The connection will break automatically if the subscription is not established or data has not been
         * pushed for more than 30 seconds."
         */
        private void dropIfIdle() {
            long now = System.nanoTime();
            long idle = settings.okxIdleTimeout().toNanos();
            if ((subs.isEmpty() && now - unsubscribedSince >= idle) || now - session.lastSentNanos() >= idle) {
                session.close(4004, "No data received in 30s.");
            }
        }

        @Override
        public void onText(String text) {
            if (text.equals("ping")) {
                session.sendPlain("pong");
                return;
            }
            JsonNode msg = ClientFrames.read(text, session, e -> error(null, "60012", "Invalid request: " + text));
            if (msg == null) {
                return;
            }
            JsonNode id = msg.get("id");
            String op = msg.path("op").asText();
            if (!op.equals("subscribe") && !op.equals("unsubscribe")) {
                session.sendControl(error(id, "60019", "Invalid op: " + op));
                return;
            }
            JsonNode args = msg.path("args");
            if (!args.isArray() || args.isEmpty()) {
                session.sendControl(error(id, "60012", "Invalid request: " + text));
                return;
            }
            if (!admitRequest()) {
                session.sendControl(error(id, "60014", "Requests too frequent."));
                return;
            }
            for (JsonNode arg : args) {
                argument(op, arg, id);
            }
        }

        /** 480 subscribe/unsubscribe requests per connection per rolling hour; a request with many args counts once. */
        private boolean admitRequest() {
            long now = System.nanoTime();
            while (!requestTimes.isEmpty() && now - requestTimes.peekFirst() >= HOUR_NANOS) {
                requestTimes.pollFirst();
            }
            if (requestTimes.size() >= settings.okxRequestsPerHour()) {
                return false;
            }
            requestTimes.addLast(now);
            return true;
        }

        private void argument(String op, JsonNode arg, JsonNode id) {
            String channel = arg.path("channel").asText();
            String instId = arg.path("instId").asText();
            OptionalInt p = listings.findListed(instId);
            if (!channel.equals(TICKERS) || p.isEmpty()) {
                session.sendControl(
                        error(
                                id,
                                "60018",
                                "Wrong URL or channel:" + channel + ",instId:" + instId
                                        + " doesn't exist. Please use the correct URL, channel and parameters referring to API document."));
                return;
            }
            if (op.equals("subscribe")) {
                subs.put(instId, p.getAsInt());
            } else if (subs.remove(instId) != null && subs.isEmpty()) {
                unsubscribedSince = System.nanoTime();
            }
            session.sendControl(JsonBodies.text(g -> {
                g.writeStartObject();
                writeId(g, id);
                g.writeStringField("event", op);
                writeArg(g, instId);
                g.writeStringField("connId", session.id());
                g.writeEndObject();
            }));
            if (op.equals("subscribe")) {
                int position = p.getAsInt();
                session.sendData(push(position, quoter.quote(listings.assetIndex(position), session.view())));
            }
        }

        @Override
        public void onTick(Tick tick) {
            for (int p : subs.values()) {
                if (listings.isListed(p)) {
                    session.sendData(tick.rendered(
                            0, p, () -> push(p, quoter.quote(listings.assetIndex(p), tick.view()))));
                }
            }
        }

        private String error(JsonNode id, String code, String msg) {
            return JsonBodies.text(g -> {
                g.writeStartObject();
                writeId(g, id);
                g.writeStringField("event", "error");
                g.writeStringField("msg", msg);
                g.writeStringField("code", code);
                g.writeStringField("connId", session.id());
                g.writeEndObject();
            });
        }
    }

    /** The {@code tickers} push, fields in the order of the OKX docs' example, every number a string. */
    private String push(int position, Quote q) {
        String instId = listings.listing(position).pair();
        return JsonBodies.text(g -> {
            g.writeStartObject();
            writeArg(g, instId);
            g.writeArrayFieldStart("data");
            g.writeStartObject();
            OkxDialect.writeTickerFields(g, instId, q);
            g.writeStringField("sodUtc0", Decimals.plain(q.open()));
            g.writeStringField("sodUtc8", Decimals.plain((q.open() + q.last()) / 2));
            g.writeStringField("ts", Long.toString(q.timeMs()));
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeArg(JsonGenerator g, String instId) throws IOException {
        g.writeObjectFieldStart("arg");
        g.writeStringField("channel", TICKERS);
        g.writeStringField("instId", instId);
        g.writeEndObject();
    }

    /** OKX echoes a request's {@code id} first in every answer to it. */
    private static void writeId(JsonGenerator g, JsonNode id) throws IOException {
        if (id != null && !id.isNull()) {
            g.writeStringField("id", id.asText());
        }
    }
}
