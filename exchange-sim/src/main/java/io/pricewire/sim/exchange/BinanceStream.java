package io.pricewire.sim.exchange;

import static io.pricewire.sim.exchange.BinanceDialect.num;
import static io.pricewire.sim.exchange.BinanceDialect.qty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricewire.sim.StreamSettings;
import io.pricewire.sim.market.Quote;
import io.pricewire.sim.market.Quoter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binance Spot market streams: raw on {@code /ws} and {@code /ws/<streams>}, combined ({@code {"stream","data"}})
 * on {@code /stream?streams=a/b}; live {@code SUBSCRIBE}, {@code UNSUBSCRIBE}, {@code LIST_SUBSCRIPTIONS},
 * {@code SET_PROPERTY}/{@code GET_PROPERTY combined}. Serves {@code <sym>@miniTicker}, {@code <sym>@ticker} and
 * {@code !miniTicker@arr} once a second and {@code <sym>@bookTicker} on every market step; other well-formed
 * streams and unknown symbols are accepted and never send anything, as on Binance. A ping frame every 20 s,
 * a disconnect when its pong does not come within a minute, after 24 h, or past 5 incoming messages a second;
 * at most 1,024 streams per connection.
 */
public final class BinanceStream implements StreamDialect {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Well-formed Binance market stream names (lowercase symbols); only some of them carry data here. */
    private static final Pattern STREAM =
            Pattern.compile("[a-z0-9]+@(miniTicker|ticker|bookTicker|aggTrade|trade|avgPrice"
                    + "|depth(5|10|20)?|kline_(1s|1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d|3d|1w|1M)|ticker_(1h|4h|1d))(@100ms|@1000ms)?"
                    + "|!miniTicker@arr(@1000ms)?|!ticker_(1h|4h|1d)@arr");

    private static final Pattern SERVED = Pattern.compile("([a-z0-9]+)@(miniTicker|ticker|bookTicker)");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,36}");
    private static final String METHODS =
            "`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`";
    private static final long DAY_MS = 86_400_000L;
    private static final long BOOK_UPDATE_BASE = 400_000_000L;

    /** What a subscribed stream sends. */
    private enum Kind {
        MINI,
        TICKER,
        BOOK,
        ALL_MINI,
        NOTHING
    }

    private record Sub(String name, Kind kind, int position) {}

    private final Listings listings;
    private final Quoter quoter;
    private final long secondEvery;

    /**
     * @param secondEvery the once-a-second streams publish on every this many market steps (2 at 500 ms ticks;
     *                    1 when the market only steps by hand)
     */
    public BinanceStream(Listings listings, Quoter quoter, long secondEvery) {
        this.listings = listings;
        this.quoter = quoter;
        this.secondEvery = Math.max(1, secondEvery);
    }

    @Override
    public boolean servesPath(String path) {
        return path.equals("/ws") || path.startsWith("/ws/") || path.equals("/stream");
    }

    @Override
    public StreamConnection open(WsSession session, SimRequest handshake) {
        boolean combined = handshake.path().equals("/stream");
        boolean micros = handshake
                .param("timeUnit")
                .filter(u -> u.equalsIgnoreCase("MICROSECOND"))
                .isPresent();
        String names = combined
                ? handshake.param("streams").orElse("")
                : handshake.path().length() > 4 ? handshake.path().substring(4) : "";
        Connection connection = new Connection(session, combined, micros);
        // streams named in the URL: the valid ones are subscribed, the rest (ccxt's /ws/0) ignored
        for (String name : names.split("/")) {
            if (STREAM.matcher(name).matches()
                    && connection.subs.size() < session.settings().binanceMaxStreams()) {
                connection.subscribe(name);
            }
        }
        return connection;
    }

    private final class Connection implements StreamConnection {
        private final WsSession session;
        private final StreamSettings settings;
        private final boolean micros;
        private final Map<String, Sub> subs = new LinkedHashMap<>();
        private final Set<String> awaitingPong = new HashSet<>();
        private boolean combined;
        private long rateSecond;
        private int rateCount;

        Connection(WsSession session, boolean combined, boolean micros) {
            this.session = session;
            this.settings = session.settings();
            this.combined = combined;
            this.micros = micros;
            session.every(settings.binancePingInterval(), this::ping);
            // one connection lives 24 h; then Binance closes it
            session.after(settings.binanceConnectionMaxAge(), () -> session.close(1000, ""));
        }

        @Override
        public void onFrame() {
            // every frame counts, pings and pongs too; over the limit Binance disconnects without a word
            long second = System.nanoTime() / 1_000_000_000L;
            if (second != rateSecond) {
                rateSecond = second;
                rateCount = 0;
            }
            if (++rateCount > settings.binanceMessagesPerSecond()) {
                session.drop();
            }
        }

        @Override
        public void onPong(String payload) {
            awaitingPong.remove(payload);
        }

        private void ping() {
            String payload = Long.toString(session.clock().millis());
            awaitingPong.add(payload);
            session.ping(payload);
            session.after(settings.binancePongTimeout(), () -> {
                if (awaitingPong.contains(payload)) {
                    session.drop();
                }
            });
        }

        @Override
        public void onText(String text) {
            JsonNode msg = ClientFrames.read(
                    text,
                    session,
                    e -> error(
                            3,
                            "Invalid JSON: expected value at line "
                                    + e.getLocation().getLineNr() + " column "
                                    + e.getLocation().getColumnNr(),
                            NullNode.getInstance()));
            if (msg == null) {
                return;
            }
            if (!msg.isObject()) {
                session.sendControl(error(2, "Invalid request: expected a JSON object", NullNode.getInstance()));
                return;
            }
            JsonNode id = msg.path("id");
            if (!validId(id)) {
                session.sendControl(
                        error(2, "Invalid request: request ID must be an unsigned integer", NullNode.getInstance()));
                return;
            }
            JsonNode echoId = id.isMissingNode() ? NullNode.getInstance() : id;
            JsonNode method = msg.get("method");
            if (method == null) {
                session.sendControl(
                        error(2, "Invalid request: missing field `method` at line 1 column " + text.length(), echoId));
                return;
            }
            String name = method.asText();
            JsonNode params = msg.path("params");
            switch (name) {
                case "SUBSCRIBE" -> subscribe(params, echoId);
                case "UNSUBSCRIBE" -> unsubscribe(params, echoId);
                case "LIST_SUBSCRIPTIONS" -> {
                    ArrayNode list = JSON.createArrayNode();
                    subs.keySet().forEach(list::add);
                    session.sendControl(result(list, echoId));
                }
                case "SET_PROPERTY" -> setProperty(params, echoId);
                case "GET_PROPERTY" -> {
                    if (!params.path(0).asText().equals("combined")) {
                        session.sendControl(error(0, "Unknown property", echoId));
                    } else {
                        session.sendControl(result(BooleanNode.valueOf(combined), echoId));
                    }
                }
                default -> {
                    // serde points at the method value's closing quote (1-based)
                    int column = text.indexOf('"' + name + '"') + name.length() + 2;
                    session.sendControl(error(
                            2,
                            "Invalid request: unknown variant `" + name + "`, expected one of " + METHODS
                                    + " at line 1 column " + column,
                            echoId));
                }
            }
        }

        private void subscribe(JsonNode params, JsonNode id) {
            List<String> names = streamNames(params);
            if (names == null) {
                session.sendControl(error(2, "Invalid request: invalid stream", id));
                return;
            }
            long added =
                    names.stream().distinct().filter(n -> !subs.containsKey(n)).count();
            if (subs.size() + added > settings.binanceMaxStreams()) {
                session.sendControl(error(2, "Invalid request: too many parameters", id));
                return;
            }
            names.forEach(this::subscribe);
            session.sendControl(result(NullNode.getInstance(), id));
        }

        private void unsubscribe(JsonNode params, JsonNode id) {
            List<String> names = streamNames(params);
            if (names == null) {
                session.sendControl(error(2, "Invalid request: invalid stream", id));
                return;
            }
            names.forEach(subs::remove);
            session.sendControl(result(NullNode.getInstance(), id));
        }

        private void setProperty(JsonNode params, JsonNode id) {
            if (!params.path(0).isTextual()) {
                session.sendControl(error(2, "Invalid request: property name must be a string", id));
            } else if (!params.path(0).asText().equals("combined")) {
                session.sendControl(error(0, "Unknown property", id));
            } else if (!params.path(1).isBoolean()) {
                session.sendControl(error(1, "Invalid value type: expected Boolean", id));
            } else {
                combined = params.path(1).asBoolean();
                session.sendControl(result(NullNode.getInstance(), id));
            }
        }

        void subscribe(String name) {
            if (subs.containsKey(name)) {
                return;
            }
            Matcher served = SERVED.matcher(name);
            if (name.equals("!miniTicker@arr")) {
                subs.put(name, new Sub(name, Kind.ALL_MINI, -1));
            } else if (served.matches()) {
                OptionalInt p = listings.find(served.group(1).toUpperCase(Locale.ROOT));
                Kind kind = p.isEmpty()
                        ? Kind.NOTHING
                        : switch (served.group(2)) {
                            case "miniTicker" -> Kind.MINI;
                            case "ticker" -> Kind.TICKER;
                            default -> Kind.BOOK;
                        };
                subs.put(name, new Sub(name, kind, p.orElse(-1)));
            } else {
                subs.put(name, new Sub(name, Kind.NOTHING, -1));
            }
        }

        @Override
        public void onTick(Tick tick) {
            boolean second = tick.number() % secondEvery == 0;
            for (Sub s : subs.values()) {
                boolean listed = s.position() >= 0 && listings.isListed(s.position());
                switch (s.kind()) {
                    case BOOK -> {
                        if (listed) {
                            send(s, tick.rendered(Kind.BOOK.ordinal(), s.position(), () -> book(tick, s.position())));
                        }
                    }
                    case MINI, TICKER -> {
                        if (listed && second) {
                            send(
                                    s,
                                    tick.rendered(
                                            kind(s.kind()), s.position(), () -> day(tick, s.kind(), s.position())));
                        }
                    }
                    case ALL_MINI -> {
                        if (second) {
                            send(s, tick.rendered(kind(Kind.ALL_MINI), -1, () -> allMini(tick)));
                        }
                    }
                    case NOTHING -> {
                        // accepted, as Binance does, and silent forever
                    }
                }
            }
        }

        /** The render-cache kind: time fields in µs render apart from ms. */
        private int kind(Kind kind) {
            return kind.ordinal() + (micros ? Kind.values().length : 0);
        }

        private void send(Sub sub, String payload) {
            session.sendData(combined ? "{\"stream\":\"" + sub.name() + "\",\"data\":" + payload + "}" : payload);
        }

        private String allMini(Tick tick) {
            StringJoiner all = new StringJoiner(",", "[", "]");
            for (int p : listings.listedPositions()) {
                all.add(tick.rendered(kind(Kind.MINI), p, () -> day(tick, Kind.MINI, p)));
            }
            return all.toString();
        }

        private String day(Tick tick, Kind kind, int position) {
            Quote q = quoter.quote(listings.assetIndex(position), tick.view());
            long time = micros ? q.timeMs() * 1000 : q.timeMs();
            String pair = listings.listing(position).pair();
            return JsonBodies.text(g -> {
                g.writeStartObject();
                if (kind == Kind.MINI) {
                    g.writeStringField("e", "24hrMiniTicker");
                    g.writeNumberField("E", time);
                    g.writeStringField("s", pair);
                    g.writeStringField("c", num(q.last()));
                    g.writeStringField("o", num(q.open()));
                    g.writeStringField("h", num(q.high()));
                    g.writeStringField("l", num(q.low()));
                    g.writeStringField("v", qty(q.baseVolume()));
                    g.writeStringField("q", qty(q.quoteVolume()));
                    g.writeEndObject();
                    return;
                }
                double change = q.last() - q.open();
                g.writeStringField("e", "24hrTicker");
                g.writeNumberField("E", time);
                g.writeStringField("s", pair);
                g.writeStringField("p", num(change));
                g.writeStringField("P", String.format(Locale.ROOT, "%.3f", change / q.open() * 100));
                g.writeStringField("w", num(q.vwap()));
                g.writeStringField("x", num(q.open()));
                g.writeStringField("c", num(q.last()));
                g.writeStringField("Q", qty(q.lastQty()));
                g.writeStringField("b", num(q.bid()));
                g.writeStringField("B", qty(q.bidQty()));
                g.writeStringField("a", num(q.ask()));
                g.writeStringField("A", qty(q.askQty()));
                g.writeStringField("o", num(q.open()));
                g.writeStringField("h", num(q.high()));
                g.writeStringField("l", num(q.low()));
                g.writeStringField("v", qty(q.baseVolume()));
                g.writeStringField("q", qty(q.quoteVolume()));
                // the 24 h window ends now (ccxt takes C as the ticker's time)
                g.writeNumberField("O", time - (micros ? DAY_MS * 1000 : DAY_MS));
                g.writeNumberField("C", time);
                g.writeNumberField("F", q.tradeId() - q.tradeCount() + 1);
                g.writeNumberField("L", q.tradeId());
                g.writeNumberField("n", q.tradeCount());
                g.writeEndObject();
            });
        }

        private String book(Tick tick, int position) {
            Quote q = quoter.quote(listings.assetIndex(position), tick.view());
            return JsonBodies.text(g -> {
                g.writeStartObject();
                g.writeNumberField("u", BOOK_UPDATE_BASE + tick.number() * 1000 + position % 1000);
                g.writeStringField("s", listings.listing(position).pair());
                g.writeStringField("b", num(q.bid()));
                g.writeStringField("B", qty(q.bidQty()));
                g.writeStringField("a", num(q.ask()));
                g.writeStringField("A", qty(q.askQty()));
                g.writeEndObject();
            });
        }
    }

    /** The stream names of a SUBSCRIBE/UNSUBSCRIBE, or null when one is not a well-formed stream name. */
    private static List<String> streamNames(JsonNode params) {
        if (!params.isArray()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : params) {
            if (!n.isTextual() || !STREAM.matcher(n.asText()).matches()) {
                return null;
            }
            names.add(n.asText());
        }
        return names;
    }

    /** A 64-bit integer, an alphanumeric string of at most 36 characters, null, or absent. */
    private static boolean validId(JsonNode id) {
        return id.isMissingNode()
                || id.isNull()
                || (id.isIntegralNumber() && id.canConvertToLong())
                || (id.isTextual() && ID.matcher(id.asText()).matches());
    }

    private static String result(JsonNode result, JsonNode id) {
        ObjectNode reply = JSON.createObjectNode();
        reply.set("result", result);
        reply.set("id", id);
        return reply.toString();
    }

    private static String error(int code, String msg, JsonNode id) {
        ObjectNode reply = JSON.createObjectNode();
        reply.putObject("error").put("code", code).put("msg", msg);
        reply.set("id", id);
        return reply.toString();
    }

    /** Market steps per second at {@code tick} (the once-a-second streams' cadence); 1 when steps are by hand. */
    public static long stepsPerSecond(Duration tick) {
        long ms = tick.toMillis();
        return ms <= 0 ? 1 : Math.max(1, Math.round(1000.0 / ms));
    }
}
