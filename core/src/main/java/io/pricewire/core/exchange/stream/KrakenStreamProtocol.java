package io.pricewire.core.exchange.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricewire.core.exchange.AdapterSupport;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kraken Spot WebSocket v2 at {@code /v2}. Symbols are v2's ISO names ({@code BTC/USD}), never the REST names
 * ({@code XBTUSD}, wsname {@code XBT/USD}), which v2 rejects. Ticks come from the {@code ticker} channel, snapshot
 * and update alike: price {@code last}, base volume {@code volume}, time {@code timestamp} where present (older
 * feeds lack it; then the receive time). Numbers are JSON numbers, read with their scale kept.
 *
 * <p>Requests carry a fixed {@code req_id}: 1 on every subscribe, 2 on every unsubscribe. Kraken answers each symbol
 * on its own and names it, so a counter would add state without telling more. Kraken documents no limit on the
 * symbols of one message; 100 per message keeps each near 2 KB. Keep-alive is the application
 * {@code {"method":"ping"}}; the connection's {@code status} banner is an ack while the system is online and a
 * reason to reconnect otherwise.
 */
final class KrakenStreamProtocol implements StreamProtocol {

    static final int MAX_SYMBOLS_PER_MESSAGE = 100;
    static final int SUBSCRIBE_REQ_ID = 1;
    static final int UNSUBSCRIBE_REQ_ID = 2;
    private static final String PING = "{\"method\":\"ping\"}";

    @Override
    public ExchangeId exchange() {
        return ExchangeId.KRAKEN;
    }

    @Override
    public String path() {
        return "/v2";
    }

    /**
     * The canonical symbol and the pair's quote currency: {@code XBTUSD} of BTC is {@code BTC/USD}. A quote Pricewire
     * does not convert is taken as the pair's last three letters, Kraken's fiat codes ({@code XBTEUR} →
     * {@code BTC/EUR}).
     */
    @Override
    public String streamName(Listing listing) {
        String quote = currency(listing);
        if (quote == null) {
            String pair = listing.pair();
            quote = pair.substring(Math.max(0, pair.length() - 3));
        }
        return listing.symbol() + "/" + quote;
    }

    @Override
    public List<String> subscribe(List<Listing> listings) {
        return messages("subscribe", SUBSCRIBE_REQ_ID, listings);
    }

    @Override
    public List<String> unsubscribe(List<Listing> listings) {
        return messages("unsubscribe", UNSUBSCRIBE_REQ_ID, listings);
    }

    @Override
    public Optional<String> ping() {
        return Optional.of(PING);
    }

    @Override
    public StreamMessage parse(String text, Instant receivedAt) {
        JsonNode root = StreamJson.read(text);
        if (root == null || !root.isObject()) {
            return StreamMessage.malformed(root == null ? "not JSON" : "not an object", text);
        }
        JsonNode channel = root.get("channel");
        if (channel != null) {
            return switch (channel.asText()) {
                case "ticker" -> tickers(root.get("data"), text, receivedAt);
                case "heartbeat" -> StreamMessage.heartbeat();
                case "status" -> status(root.get("data"), text);
                default -> StreamMessage.ignored();
            };
        }
        if ((root.path("success").isBoolean() && !root.get("success").booleanValue()) || root.has("error")) {
            return StreamMessage.error(errorText(root));
        }
        if (root.has("Error")) {
            // the rate-limit answer, reportedly {"Error": "Exceeded msg rate"}
            return StreamMessage.error(StreamJson.snippet(root.get("Error").asText()));
        }
        return switch (root.path("method").asText("")) {
            case "pong" -> StreamMessage.pong();
            case "subscribe", "unsubscribe" ->
                root.path("success").asBoolean(false)
                        ? StreamMessage.ack()
                        : StreamMessage.malformed("ack without success", text);
            default -> StreamMessage.ignored();
        };
    }

    private static StreamMessage tickers(JsonNode data, String text, Instant receivedAt) {
        if (data == null || !data.isArray()) {
            return StreamMessage.malformed("ticker without a data array", text);
        }
        List<StreamTick> ticks = new ArrayList<>();
        for (JsonNode ticker : data) {
            StreamTick tick = ticker.isObject()
                    ? StreamJson.tick(
                            ticker.get("symbol"),
                            ticker.get("last"),
                            AdapterSupport.isoTime(ticker.get("timestamp"), receivedAt),
                            ticker.get("volume"))
                    : null;
            if (tick != null) {
                ticks.add(tick);
            }
        }
        return StreamMessage.ticks(ticks, "no readable ticker", text);
    }

    /**
     * The banner sent on connect, and on changes: online is an ack, any other system state (maintenance,
     * cancel_only, …) a reason to reconnect. {@code connection_id} overflows {@code long} and is not read.
     */
    private static StreamMessage status(JsonNode data, String text) {
        if (data == null || !data.isArray() || data.isEmpty()) {
            return StreamMessage.malformed("status without a data array", text);
        }
        for (JsonNode status : data) {
            JsonNode system = status.get("system");
            if (system == null || !system.isTextual()) {
                return StreamMessage.malformed("status without system", text);
            }
            if (!system.textValue().equals("online")) {
                return StreamMessage.reconnect("Kraken system " + StreamJson.snippet(system.textValue()));
            }
        }
        return StreamMessage.ack();
    }

    private List<String> messages(String method, int reqId, List<Listing> listings) {
        return StreamJson.chunks(StreamJson.names(this, listings), MAX_SYMBOLS_PER_MESSAGE).stream()
                .map(symbols -> {
                    ObjectNode message = StreamJson.object();
                    message.put("method", method);
                    ObjectNode params = message.putObject("params");
                    params.put("channel", "ticker");
                    params.set("symbol", StreamJson.strings(symbols));
                    message.put("req_id", reqId);
                    return message.toString();
                })
                .toList();
    }

    /** Kraken's {@code error} text, or the message as it came when it has none. */
    private static String errorText(JsonNode root) {
        JsonNode error = root.get("error");
        return StreamJson.snippet(error != null && error.isTextual() ? error.textValue() : root.toString());
    }
}
