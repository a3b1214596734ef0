package io.pricewire.core.exchange.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricewire.core.exchange.AdapterSupport;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OKX v5 public WebSocket at {@code /ws/v5/public}, channel {@code tickers} (at most one push per 100 ms, only on a
 * trade or a best bid/ask change). Ticks: price {@code last}, base volume {@code vol24h}, time {@code ts} (epoch ms
 * as a string). Keep-alive is the text {@code ping}, answered by the text {@code pong} — plain text, so it is
 * checked before any JSON parsing; OKX closes a connection that has sent or received nothing for 30 s.
 *
 * <p>"The total length of multiple channels cannot exceed 64 KB": each subscribe or unsubscribe carries as many
 * instruments as fit in {@value #MAX_MESSAGE_BYTES} bytes, the whole message counted, so as few requests as
 * possible count against OKX's 480 per connection per hour. Notice {@code 64008} (a service upgrade will close the
 * connection within 60 s) asks for a reconnect.
 */
final class OkxStreamProtocol implements StreamProtocol {

    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    static final String UPGRADE_NOTICE_CODE = "64008";
    private static final String CHANNEL = "tickers";

    @Override
    public ExchangeId exchange() {
        return ExchangeId.OKX;
    }

    @Override
    public String path() {
        return "/ws/v5/public";
    }

    @Override
    public List<String> subscribe(List<Listing> listings) {
        return messages("subscribe", listings);
    }

    @Override
    public List<String> unsubscribe(List<Listing> listings) {
        return messages("unsubscribe", listings);
    }

    @Override
    public Optional<String> ping() {
        return Optional.of("ping");
    }

    @Override
    public StreamMessage parse(String text, Instant receivedAt) {
        if (text != null && text.strip().equals("pong")) {
            return StreamMessage.pong();
        }
        JsonNode root = StreamJson.read(text);
        if (root == null || !root.isObject()) {
            return StreamMessage.malformed(root == null ? "not JSON" : "not an object", text);
        }
        JsonNode event = root.get("event");
        if (event != null) {
            return switch (event.asText()) {
                case "subscribe", "unsubscribe" -> StreamMessage.ack();
                case "error" -> StreamMessage.error(message(root));
                case "notice" ->
                    UPGRADE_NOTICE_CODE.equals(root.path("code").asText())
                            ? StreamMessage.reconnect("OKX notice " + UPGRADE_NOTICE_CODE + ": " + message(root))
                            : StreamMessage.ignored();
                default -> StreamMessage.ignored();
            };
        }
        JsonNode arg = root.get("arg");
        if (arg == null || !arg.isObject()) {
            return StreamMessage.ignored();
        }
        if (!CHANNEL.equals(arg.path("channel").asText())) {
            return StreamMessage.ignored();
        }
        return tickers(root.get("data"), text, receivedAt);
    }

    private static StreamMessage tickers(JsonNode data, String text, Instant receivedAt) {
        if (data == null || !data.isArray()) {
            return StreamMessage.malformed("tickers without a data array", text);
        }
        List<StreamTick> ticks = new ArrayList<>();
        for (JsonNode ticker : data) {
            StreamTick tick = ticker.isObject()
                    ? StreamJson.tick(
                            ticker.get("instId"),
                            ticker.get("last"),
                            AdapterSupport.epochMillis(ticker.get("ts"), receivedAt),
                            ticker.get("vol24h"))
                    : null;
            if (tick != null) {
                ticks.add(tick);
            }
        }
        return StreamMessage.ticks(ticks, "no readable ticker", text);
    }

    /** Requests of as many instruments as fit in {@link #MAX_MESSAGE_BYTES}; one that alone is larger goes alone. */
    private List<String> messages(String op, List<Listing> listings) {
        List<String> messages = new ArrayList<>();
        ArrayNode args = StreamJson.object().arrayNode();
        int bytes = 0;
        int envelope = bytes(request(op, args));
        for (String instId : StreamJson.names(this, listings)) {
            ObjectNode arg = args.objectNode().put("channel", CHANNEL).put("instId", instId);
            int argBytes = bytes(arg.toString()) + (args.isEmpty() ? 0 : 1);
            if (!args.isEmpty() && envelope + bytes + argBytes > MAX_MESSAGE_BYTES) {
                messages.add(request(op, args));
                args = args.arrayNode();
                bytes = 0;
                argBytes -= 1;
            }
            args.add(arg);
            bytes += argBytes;
        }
        if (!args.isEmpty()) {
            messages.add(request(op, args));
        }
        return List.copyOf(messages);
    }

    private static String request(String op, ArrayNode args) {
        ObjectNode message = StreamJson.object();
        message.put("op", op);
        message.set("args", args);
        return message.toString();
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String message(JsonNode root) {
        return StreamJson.snippet(root.path("msg").asText(""));
    }
}
