package io.pricewire.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pricewire.core.asset.SymbolSyntax;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.sim.exchange.SimRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API: the HTTP face of {@link ExchangeSim}'s Java API, for the local stack and for tests
 * in other processes. Errors are {@code {"error","message"}} JSON like the public Pricewire API.
 */
final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final Set<String> FAULT_FIELDS = Set.of("mode", "latencyMs", "factor");

    private final ExchangeSim sim;
    private final ObjectMapper json;
    private final HttpServer server;

    ControlServer(ExchangeSim sim, ObjectMapper json, int port, Executor executor) throws IOException {
        this.sim = sim;
        this.json = json;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** An answer: status and JSON body (null = no body). */
    private record Reply(int status, JsonNode body, String allow) {
        static Reply ok(JsonNode body) {
            return new Reply(200, body, null);
        }
    }

    /** Bad input from the caller; becomes a JSON error answer. */
    private static final class ClientError extends RuntimeException {
        private final int status;
        private final String code;
        private final String allow;

        ClientError(int status, String code, String message) {
            this(status, code, message, null);
        }

        ClientError(int status, String code, String message, String allow) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
            this.allow = allow;
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Reply reply;
            try {
                reply = route(
                        exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange);
            } catch (ClientError e) {
                reply = new Reply(e.status, error(e.code, e.getMessage()), e.allow);
            } catch (RuntimeException e) {
                LOG.error("control request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                reply = new Reply(
                        500, error("internal", "the simulator failed to handle the request: " + e.getMessage()), null);
            }
            write(exchange, reply);
        } catch (IOException e) {
            LOG.debug("control answer not delivered: {}", e.toString());
        }
    }

    private Reply route(String method, String path, HttpExchange exchange) throws IOException {
        String[] parts = path.replaceAll("/+$", "").split("/");
        // parts[0] is the empty string before the leading slash
        String head = parts.length > 1 ? parts[1] : "";
        switch (head) {
            case "health" -> {
                requireExact(parts, 2);
                requireMethod(method, "GET");
                return Reply.ok(health());
            }
            case "truth" -> {
                requireExact(parts, 3);
                requireMethod(method, "GET");
                return truth(parts[2]);
            }
            case "faults" -> {
                if (parts.length == 2) {
                    requireMethod(method, "GET", "DELETE");
                    if (method.equals("DELETE")) {
                        sim.clearAllFaults();
                        return new Reply(204, null, null);
                    }
                    return Reply.ok(faults());
                }
                requireExact(parts, 3);
                requireMethod(method, "PUT", "DELETE");
                ExchangeId exchangeId = exchange(parts[2]);
                if (method.equals("DELETE")) {
                    sim.clearFault(exchangeId);
                    return new Reply(204, null, null);
                }
                Fault fault = parseFault(exchange.getRequestBody().readAllBytes());
                sim.setFault(exchangeId, fault);
                return Reply.ok(faultJson(exchangeId, fault.resolved()));
            }
            case "listings" -> {
                if (parts.length == 2) {
                    requireMethod(method, "GET");
                    return Reply.ok(delisted());
                }
                requireExact(parts, 4);
                boolean delist = parts[3].equals("delist");
                if (!delist && !parts[3].equals("relist")) {
                    throw notFound(path);
                }
                requireMethod(method, "POST");
                ExchangeId exchangeId = exchange(parts[2]);
                String symbol = symbolParam(exchange.getRequestURI().getRawQuery());
                Optional<Listing> pair = delist ? sim.delist(exchangeId, symbol) : sim.relist(exchangeId, symbol);
                if (pair.isEmpty()) {
                    throw new ClientError(404, "not_listed", exchangeId.label() + " does not list " + symbol);
                }
                return Reply.ok(pairJson(exchangeId, pair.get()).put("listed", !delist));
            }
            case "stats" -> {
                if (parts.length == 3 && parts[2].equals("reset")) {
                    requireMethod(method, "POST");
                    sim.resetCounts();
                    return new Reply(204, null, null);
                }
                requireExact(parts, 2);
                requireMethod(method, "GET");
                return Reply.ok(stats());
            }
            default -> throw notFound(path);
        }
    }

    private ObjectNode health() {
        ObjectNode body = json.createObjectNode().put("status", "UP");
        ObjectNode exchanges = body.putObject("exchanges");
        for (ExchangeId e : ExchangeId.values()) {
            exchanges.put(e.label(), sim.isListening(e) ? "UP" : "DOWN");
        }
        return body;
    }

    private Reply truth(String symbol) {
        Optional<Truth> truth = sim.truth(symbol);
        if (truth.isEmpty()) {
            throw new ClientError(
                    404, "unknown_symbol", "no asset with symbol '" + symbol + "' in the simulated universe");
        }
        Truth t = truth.get();
        return Reply.ok(json.createObjectNode()
                .put("symbol", t.symbol())
                .put("price", t.price().toPlainString())
                .put("timestamp", t.timestamp().toString()));
    }

    private ObjectNode delisted() {
        ObjectNode body = json.createObjectNode();
        var list = body.putArray("delisted");
        sim.delistedPairs().forEach((e, pairs) -> pairs.forEach(p -> list.add(pairJson(e, p))));
        return body;
    }

    private ObjectNode pairJson(ExchangeId exchange, Listing pair) {
        return json.createObjectNode()
                .put("exchange", exchange.label())
                .put("symbol", pair.symbol())
                .put("pair", pair.pair());
    }

    /** The {@code symbol} query parameter, canonical upper case, of an asset in the simulated universe. */
    private String symbolParam(String rawQuery) {
        List<String> values = SimRequest.parseQuery(rawQuery).getOrDefault("symbol", List.of());
        if (values.isEmpty() || values.get(0).isEmpty()) {
            throw new ClientError(400, "invalid_request", "the query parameter 'symbol' is required, e.g. ?symbol=BTC");
        }
        if (values.size() > 1) {
            throw new ClientError(400, "invalid_request", "give one 'symbol' per call");
        }
        String symbol = SymbolSyntax.canonical(values.get(0));
        if (!SymbolSyntax.isValid(symbol)) {
            throw new ClientError(
                    400,
                    "invalid_request",
                    "'symbol' must be 1 to " + SymbolSyntax.MAX_LENGTH + " letters or digits, e.g. BTC: '"
                            + values.get(0) + "'");
        }
        if (!sim.isKnownSymbol(symbol)) {
            throw new ClientError(
                    404, "unknown_symbol", "no asset with symbol '" + symbol + "' in the simulated universe");
        }
        return symbol;
    }

    private ObjectNode faults() {
        ObjectNode body = json.createObjectNode();
        var list = body.putArray("faults");
        sim.activeFaults().forEach((e, f) -> list.add(faultJson(e, f)));
        return body;
    }

    private ObjectNode stats() {
        ObjectNode body = json.createObjectNode();
        ObjectNode requests = body.putObject("requests");
        ObjectNode limited = body.putObject("rateLimited");
        ObjectNode connections = body.putObject("streamConnections");
        ObjectNode messages = body.putObject("streamMessages");
        for (ExchangeId e : ExchangeId.values()) {
            requests.put(e.label(), sim.requestCount(e));
            limited.put(e.label(), sim.rateLimitedCount(e));
            connections.put(e.label(), sim.streamConnections(e));
            messages.put(e.label(), sim.streamMessages(e));
        }
        return body;
    }

    private ObjectNode faultJson(ExchangeId exchange, Fault fault) {
        ObjectNode node = json.createObjectNode()
                .put("exchange", exchange.label())
                .put("mode", fault.mode().label());
        if (fault.latencyMs() != null) {
            node.put("latencyMs", fault.latencyMs());
        }
        if (fault.factor() != null) {
            node.put("factor", fault.factor());
        }
        return node;
    }

    private Fault parseFault(byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ClientError(
                    400,
                    "invalid_request",
                    "the body must be a JSON object like {\"mode\":\"slow\",\"latencyMs\":5000}");
        } catch (IOException e) {
            throw new ClientError(400, "invalid_request", "the body could not be read");
        }
        if (node == null || !node.isObject()) {
            throw new ClientError(
                    400,
                    "invalid_request",
                    "the body must be a JSON object like {\"mode\":\"slow\",\"latencyMs\":5000}");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FAULT_FIELDS.contains(name)) {
                throw new ClientError(
                        400, "invalid_request", "unknown field '" + name + "'; expected mode, latencyMs, factor");
            }
        }
        JsonNode mode = node.get("mode");
        if (mode == null || !mode.isTextual()) {
            throw new ClientError(
                    400,
                    "invalid_request",
                    "'mode' is required: one of down, slow, error, garbage, outlier, stale, ratelimit, silent");
        }
        try {
            return new Fault(
                    FaultMode.fromLabel(mode.asText()), longField(node, "latencyMs"), doubleField(node, "factor"));
        } catch (IllegalArgumentException e) {
            throw new ClientError(400, "invalid_request", e.getMessage());
        }
    }

    private static Long longField(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ClientError(400, "invalid_request", "'" + name + "' must be a whole number of milliseconds");
        }
        return v.longValue();
    }

    private static Double doubleField(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new ClientError(400, "invalid_request", "'" + name + "' must be a number");
        }
        return v.doubleValue();
    }

    private static ExchangeId exchange(String label) {
        try {
            return ExchangeId.fromLabel(label);
        } catch (IllegalArgumentException e) {
            throw new ClientError(
                    404, "unknown_exchange", "no exchange '" + label + "'; expected binance, coinbase, kraken or okx");
        }
    }

    private static void requireExact(String[] parts, int length) {
        if (parts.length != length) {
            throw notFound(String.join("/", parts));
        }
    }

    private static void requireMethod(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        // a known path used with the wrong method: 405 with an Allow header
        String allow = String.join(", ", allowed);
        throw new ClientError(405, "method_not_allowed", "use " + allow, allow);
    }

    private static ClientError notFound(String path) {
        return new ClientError(404, "not_found", "no control endpoint at " + path);
    }

    private ObjectNode error(String code, String message) {
        return json.createObjectNode().put("error", code).put("message", message);
    }

    private void write(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.body() == null ? new byte[0] : json.writeValueAsBytes(reply.body());
        if (reply.body() != null) {
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        }
        if (reply.allow() != null) {
            exchange.getResponseHeaders().set("Allow", reply.allow());
        }
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
