package io.pricewire.sim.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.sim.ExchangeSim;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Addresses and JSON shapes shared by the stream tests. */
final class StreamTesting {
    private StreamTesting() {}

    /** {@code ws://127.0.0.1:<the exchange's port><path>}. */
    static URI ws(ExchangeSim sim, ExchangeId exchange, String path) {
        return URI.create("ws://127.0.0.1:" + sim.baseUri(exchange).getPort() + path);
    }

    /** The path each exchange serves its stream at. */
    static String streamPath(ExchangeId exchange) {
        return switch (exchange) {
            case BINANCE -> "/ws";
            case COINBASE -> "/";
            case KRAKEN -> "/v2";
            case OKX -> "/ws/v5/public";
        };
    }

    /**
     * A message's shape: its field names in order with each value's JSON type (arrays by their first element),
     * so a message compares with a documented example whose values the sim cannot reproduce.
     */
    static String shape(JsonNode node) {
        if (node.isObject()) {
            List<String> fields = new ArrayList<>();
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                fields.add(f.getKey() + ":" + shape(f.getValue()));
            }
            return "{" + String.join(",", fields) + "}";
        }
        if (node.isArray()) {
            return "[" + (node.isEmpty() ? "" : shape(node.get(0))) + "]";
        }
        return node.isTextual() ? "string" : node.isNumber() ? "number" : node.isBoolean() ? "boolean" : "null";
    }

    static String shape(String json) {
        return shape(WsClient.json(json));
    }
}
