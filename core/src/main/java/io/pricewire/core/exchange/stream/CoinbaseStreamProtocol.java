package io.pricewire.core.exchange.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricewire.core.exchange.AdapterSupport;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import java.time.Instant;
import java.util.List;

/**
 * The Coinbase Exchange feed at {@code /}: {@code subscribe}/{@code unsubscribe} with top-level
 * {@code product_ids} and the channels {@code ticker} (one message per match) and {@code heartbeat} (once a second
 * per product), which tells a quiet product from a dead feed — so there is no application ping. Ticks: price
 * {@code price}, base volume {@code volume_24h}, time {@code time} (ISO, µs), which the first ticker after
 * subscribing may lack (then the receive time).
 *
 * <p>Coinbase documents no size limit for one message, only that it disconnects on "Message too big"; 100 products
 * per message keeps each one near 2 KB. Coinbase disconnects a connection that has not subscribed within 5 s.
 */
final class CoinbaseStreamProtocol implements StreamProtocol {

    static final int MAX_PRODUCTS_PER_MESSAGE = 100;
    private static final List<String> CHANNELS = List.of("ticker", "heartbeat");

    @Override
    public ExchangeId exchange() {
        return ExchangeId.COINBASE;
    }

    @Override
    public String path() {
        return "/";
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
    public StreamMessage parse(String text, Instant receivedAt) {
        JsonNode root = StreamJson.read(text);
        if (root == null || !root.isObject()) {
            return StreamMessage.malformed(root == null ? "not JSON" : "not an object", text);
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            return StreamMessage.malformed("no type", text);
        }
        return switch (type.textValue()) {
            case "ticker" -> {
                StreamTick tick = StreamJson.tick(
                        root.get("product_id"),
                        root.get("price"),
                        AdapterSupport.isoTime(root.get("time"), receivedAt),
                        root.get("volume_24h"));
                yield StreamMessage.ticks(tick == null ? List.of() : List.of(tick), "unreadable ticker", text);
            }
            case "heartbeat" -> StreamMessage.heartbeat();
            case "subscriptions" -> StreamMessage.ack();
            case "error" -> StreamMessage.error(errorText(root));
            // "Clients are expected to ignore messages they do not support."
            default -> StreamMessage.ignored();
        };
    }

    private List<String> messages(String type, List<Listing> listings) {
        return StreamJson.chunks(StreamJson.names(this, listings), MAX_PRODUCTS_PER_MESSAGE).stream()
                .map(products -> {
                    ObjectNode message = StreamJson.object();
                    message.put("type", type);
                    message.set("product_ids", StreamJson.strings(products));
                    message.set("channels", StreamJson.strings(CHANNELS));
                    return message.toString();
                })
                .toList();
    }

    /** {@code message}, and {@code reason} after it where there is one: "Failed to subscribe: X is not a valid product". */
    private static String errorText(JsonNode error) {
        String message = error.path("message").asText("");
        String reason = error.path("reason").asText("");
        return StreamJson.snippet(reason.isEmpty() ? message : message.isEmpty() ? reason : message + ": " + reason);
    }
}
