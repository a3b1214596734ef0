package io.pricewire.core.exchange.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricewire.core.exchange.AdapterSupport;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Binance Spot market streams on the combined endpoint {@code /stream}: one {@code SUBSCRIBE} of
 * {@code !miniTicker@arr} right after connecting carries every symbol once a second (only those that changed), so
 * nothing is subscribed per listing and one connection serves any number of listings without nearing the 1,024
 * streams or 5 messages/s a connection may have.
 *
 * <p>Events arrive wrapped ({@code {"stream","data"}}); raw events are read too. Ticks come from
 * {@code 24hrMiniTicker} (alone or in an array) and {@code 24hrTicker}: price {@code c}, base volume {@code v}, time
 * {@code E} (ms). Keep-alive is by WebSocket ping frames, which the client answers itself, so there is no
 * application ping. A symbol Binance does not know is accepted silently and simply never ticks.
 */
final class BinanceStreamProtocol implements StreamProtocol {

    static final String ALL_MINI_TICKERS = "!miniTicker@arr";

    private static final String ON_CONNECT = subscribeAll();

    @Override
    public ExchangeId exchange() {
        return ExchangeId.BINANCE;
    }

    @Override
    public String path() {
        return "/stream";
    }

    @Override
    public List<String> onConnect() {
        return List.of(ON_CONNECT);
    }

    @Override
    public List<String> subscribe(List<Listing> listings) {
        return List.of();
    }

    @Override
    public List<String> unsubscribe(List<Listing> listings) {
        return List.of();
    }

    @Override
    public StreamMessage parse(String text, Instant receivedAt) {
        JsonNode root = StreamJson.read(text);
        if (root == null) {
            return StreamMessage.malformed("not JSON", text);
        }
        JsonNode payload = root;
        if (root.isObject() && root.has("stream")) {
            payload = root.path("data");
            if (!payload.isObject() && !payload.isArray()) {
                return StreamMessage.malformed("combined event without data", text);
            }
        }
        if (payload.isArray()) {
            return tickers(payload, text, receivedAt);
        }
        if (!payload.isObject()) {
            return StreamMessage.malformed("not an object or array", text);
        }
        if (payload.has("error")) {
            return StreamMessage.error(errorText(payload.get("error")));
        }
        if (payload.has("code") && payload.has("msg")) {
            return StreamMessage.error(errorText(payload));
        }
        if (payload.has("result") && payload.has("id")) {
            // null answers SUBSCRIBE and UNSUBSCRIBE; a value answers a query, which Pricewire never sends
            return payload.get("result").isNull() ? StreamMessage.ack() : StreamMessage.ignored();
        }
        String event = payload.path("e").asText("");
        return switch (event) {
            case "24hrMiniTicker", "24hrTicker" -> tickers(List.of(payload), text, receivedAt);
            case "serverShutdown" -> StreamMessage.reconnect("Binance serverShutdown");
            default -> StreamMessage.ignored();
        };
    }

    private static StreamMessage tickers(JsonNode array, String text, Instant receivedAt) {
        if (array.isEmpty()) {
            // only changed symbols are sent, and a second in which none changed is not an error
            return StreamMessage.ignored();
        }
        List<JsonNode> events = new ArrayList<>();
        array.forEach(events::add);
        return tickers(events, text, receivedAt);
    }

    private static StreamMessage tickers(List<JsonNode> events, String text, Instant receivedAt) {
        List<StreamTick> ticks = new ArrayList<>();
        for (JsonNode event : events) {
            StreamTick tick = event.isObject()
                    ? StreamJson.tick(
                            event.get("s"),
                            event.get("c"),
                            AdapterSupport.epochMillis(event.get("E"), receivedAt),
                            event.get("v"))
                    : null;
            if (tick != null) {
                ticks.add(tick);
            }
        }
        return StreamMessage.ticks(ticks, "no readable ticker", text);
    }

    /** {@code msg} of a Binance error ({@code {"code","msg"}}), or the error as it came when it has none. */
    private static String errorText(JsonNode error) {
        JsonNode msg = error.get("msg");
        return StreamJson.snippet(msg != null && msg.isTextual() ? msg.textValue() : error.toString());
    }

    private static String subscribeAll() {
        ObjectNode message = StreamJson.object();
        message.put("method", "SUBSCRIBE");
        message.set("params", StreamJson.strings(List.of(ALL_MINI_TICKERS)));
        message.put("id", 1);
        return message.toString();
    }
}
