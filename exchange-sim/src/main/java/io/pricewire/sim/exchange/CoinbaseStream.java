package io.pricewire.sim.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.sim.market.Decimals;
import io.pricewire.sim.market.Quote;
import io.pricewire.sim.market.Quoter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The Coinbase Exchange feed at {@code /}: {@code subscribe}/{@code unsubscribe} with channels as names or
 * {@code {"name","product_ids"}} objects, answered by a {@code subscriptions} message listing every current
 * subscription; the {@code ticker} channel (a ticker right after subscribing, then one per market step) and
 * {@code heartbeat} (once a second per product). A client that has not subscribed within 5 s is disconnected.
 */
public final class CoinbaseStream implements StreamDialect {
    private static final String TICKER = "ticker";
    private static final String HEARTBEAT = "heartbeat";
    private static final Set<String> CHANNELS = Set.of(TICKER, HEARTBEAT);
    private static final String NO_CHANNELS = "No channels provided";
    /** As captured from the feed: this error has its type last. */
    private static final String NO_CHANNELS_ERROR =
            "{\"message\":\"Failed to subscribe\",\"reason\":\"" + NO_CHANNELS + "\",\"type\":\"error\"}";
    /** The feed's sequence numbers are in the tens of billions; each product has its own. */
    private static final long SEQUENCE_BASE = 37_000_000_000L;

    private final Listings listings;
    private final Quoter quoter;

    public CoinbaseStream(Listings listings, Quoter quoter) {
        this.listings = listings;
        this.quoter = quoter;
    }

    @Override
    public boolean servesPath(String path) {
        return path.equals("/");
    }

    @Override
    public StreamConnection open(WsSession session, SimRequest handshake) {
        return new Connection(session);
    }

    /** A subscribe or unsubscribe message read into channel → products, or the reason it fails. */
    private record Request(Map<String, List<String>> channels, String failure) {}

    private final class Connection implements StreamConnection {
        private final WsSession session;
        /** Channel → products, in the order they were subscribed (the subscriptions message lists them so). */
        private final Map<String, Set<String>> subs = new LinkedHashMap<>();

        private boolean subscribed;

        Connection(WsSession session) {
            this.session = session;
            session.after(session.settings().coinbaseSubscribeDeadline(), () -> {
                if (!subscribed) {
                    session.close(1000, "");
                }
            });
            session.every(session.settings().heartbeatInterval(), this::heartbeats);
        }

        @Override
        public void onText(String text) {
            JsonNode msg = ClientFrames.read(text, session, e -> error("Malformed JSON", null));
            if (msg == null) {
                return;
            }
            String type = msg.path("type").asText();
            if (!type.equals("subscribe") && !type.equals("unsubscribe")) {
                session.sendControl(error("Failed to subscribe", "type has to be either subscribe or unsubscribe"));
                return;
            }
            Request request = read(msg, type.equals("subscribe"));
            if (request.failure() != null) {
                session.sendControl(
                        request.failure().equals(NO_CHANNELS)
                                ? NO_CHANNELS_ERROR
                                : error("Failed to subscribe", request.failure()));
                return;
            }
            if (type.equals("unsubscribe")) {
                request.channels().forEach((channel, products) -> {
                    Set<String> current = subs.get(channel);
                    if (current != null) {
                        // no product ids = the whole channel
                        current.removeIf(p -> products.isEmpty() || products.contains(p));
                        if (current.isEmpty()) {
                            subs.remove(channel);
                        }
                    }
                });
                session.sendControl(subscriptions());
                return;
            }
            subscribed = true;
            request.channels()
                    .forEach((channel, products) -> subs.computeIfAbsent(channel, c -> new LinkedHashSet<>())
                            .addAll(products));
            session.sendControl(subscriptions());
            // the feed sends the current ticker right after subscribing, then one per match
            for (String product : request.channels().getOrDefault(TICKER, List.of())) {
                listings.findListed(product)
                        .ifPresent(p -> session.sendData(ticker(
                                session.view().timeMs(),
                                p,
                                quoter.quote(listings.assetIndex(p), session.view()),
                                currentSequence(p))));
            }
        }

        /** Reads both channel forms; every product must be a listed product id. */
        private Request read(JsonNode msg, boolean subscribe) {
            List<String> topProducts = strings(msg.path("product_ids"));
            JsonNode channels = msg.path("channels");
            if (!channels.isArray() || channels.isEmpty()) {
                return new Request(Map.of(), NO_CHANNELS);
            }
            Map<String, List<String>> wanted = new LinkedHashMap<>();
            for (JsonNode c : channels) {
                String name = c.isTextual() ? c.asText() : c.path("name").asText();
                List<String> products = new ArrayList<>(topProducts);
                if (c.isObject()) {
                    for (String p : strings(c.path("product_ids"))) {
                        if (!products.contains(p)) {
                            products.add(p);
                        }
                    }
                }
                if (!CHANNELS.contains(name)) {
                    return new Request(Map.of(), name + " is not a valid channel");
                }
                if (subscribe && products.isEmpty()) {
                    return new Request(Map.of(), "No product ids provided for channel: " + name);
                }
                wanted.computeIfAbsent(name, n -> new ArrayList<>()).addAll(products);
            }
            for (List<String> products : wanted.values()) {
                for (String p : products) {
                    if (subscribe && listings.findListed(p).isEmpty()) {
                        return new Request(Map.of(), p + " is not a valid product");
                    }
                }
            }
            return new Request(wanted, null);
        }

        private String subscriptions() {
            return JsonBodies.text(g -> {
                g.writeStartObject();
                g.writeStringField("type", "subscriptions");
                g.writeArrayFieldStart("channels");
                for (Map.Entry<String, Set<String>> e : subs.entrySet()) {
                    g.writeStartObject();
                    g.writeStringField("name", e.getKey());
                    g.writeArrayFieldStart("product_ids");
                    for (String p : e.getValue()) {
                        g.writeString(p);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            });
        }

        @Override
        public void onTick(Tick tick) {
            for (String product : subs.getOrDefault(TICKER, Set.of())) {
                OptionalInt p = listings.findListed(product);
                if (p.isPresent()) {
                    int position = p.getAsInt();
                    session.sendData(tick.rendered(
                            0,
                            position,
                            () -> ticker(
                                    tick.view().timeMs(),
                                    position,
                                    quoter.quote(listings.assetIndex(position), tick.view()),
                                    sequence(position, tick.number()))));
                }
            }
        }

        private void heartbeats() {
            for (String product : subs.getOrDefault(HEARTBEAT, Set.of())) {
                OptionalInt p = listings.findListed(product);
                if (p.isPresent()) {
                    int position = p.getAsInt();
                    Quote q = quoter.quote(listings.assetIndex(position), session.view());
                    session.sendData(JsonBodies.text(g -> {
                        g.writeStartObject();
                        g.writeStringField("type", "heartbeat");
                        g.writeNumberField("sequence", currentSequence(position));
                        g.writeNumberField("last_trade_id", q.tradeId());
                        g.writeStringField("product_id", product);
                        g.writeStringField(
                                "time", StreamTimes.micros(session.clock().instant()));
                        g.writeEndObject();
                    }));
                }
            }
        }

        private long currentSequence(int position) {
            return sequence(position, session.view().snapshot().tick());
        }
    }

    /** The 17-field ticker message, in the order the Coinbase docs print it. */
    private String ticker(long timeMs, int position, Quote q, long sequence) {
        String product = listings.listing(position).pair();
        return JsonBodies.text(g -> {
            g.writeStartObject();
            g.writeStringField("type", "ticker");
            g.writeNumberField("sequence", sequence);
            g.writeStringField("product_id", product);
            g.writeStringField("price", Decimals.plain(q.last()));
            g.writeStringField("open_24h", Decimals.plain(q.open()));
            g.writeStringField("volume_24h", Decimals.plain(q.baseVolume()));
            g.writeStringField("low_24h", Decimals.plain(q.low()));
            g.writeStringField("high_24h", Decimals.plain(q.high()));
            g.writeStringField("volume_30d", Decimals.plain(q.baseVolume() * 30));
            g.writeStringField("best_bid", Decimals.plain(q.bid()));
            g.writeStringField("best_bid_size", Decimals.plain(q.bidQty()));
            g.writeStringField("best_ask", Decimals.plain(q.ask()));
            g.writeStringField("best_ask_size", Decimals.plain(q.askQty()));
            g.writeStringField("side", q.tradeId() % 2 == 0 ? "buy" : "sell");
            g.writeStringField("time", StreamTimes.micros(timeMs, q.tradeId() * 7919));
            g.writeNumberField("trade_id", q.tradeId());
            g.writeStringField("last_size", Decimals.plain(q.lastQty()));
            g.writeEndObject();
        });
    }

    /** A product's feed sequence at a market step: a few feed messages per step, the same for every connection. */
    private static long sequence(int position, long tickNumber) {
        return SEQUENCE_BASE + position * 1_000_000_000L + tickNumber * 8;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** {@code {"type":"error","message":…,"reason":…}}; no reason when null. */
    private static String error(String message, String reason) {
        return JsonBodies.text(g -> {
            g.writeStartObject();
            g.writeStringField("type", "error");
            g.writeStringField("message", message);
            if (reason != null) {
                g.writeStringField("reason", reason);
            }
            g.writeEndObject();
        });
    }
}
