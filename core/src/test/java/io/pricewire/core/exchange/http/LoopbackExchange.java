package io.pricewire.core.exchange.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pricewire.core.exchange.ExchangeAdapter;
import io.pricewire.core.exchange.ExchangeId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real HTTP server on loopback answering like an exchange, for ExchangeClient tests: each test routes paths to
 * handlers, and every request's path and query is recorded in order. It also owns the HTTP client and threads of the
 * {@link ExchangeClient}s it makes, so closing it ends everything a test started.
 */
final class LoopbackExchange implements AutoCloseable {
    /** Answers one request. */
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static final Pattern QUOTED = Pattern.compile("\"([A-Z0-9]+)\"");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    LoopbackExchange() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(query == null ? path : path + "?" + URLDecoder.decode(query, StandardCharsets.UTF_8));
            Handler handler = routes.get(path);
            try (exchange) {
                if (handler == null) {
                    send(exchange, 404, "{\"message\":\"NotFound\"}");
                } else {
                    handler.handle(exchange);
                }
            }
        });
        server.start();
    }

    LoopbackExchange route(String path, Handler handler) {
        routes.put(path, handler);
        return this;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A client of this exchange speaking through {@code adapter}. */
    ExchangeClient client(
            ExchangeAdapter adapter, ExchangeClientSettings settings, Clock clock, ExchangeListener listener) {
        return new ExchangeClient(adapter, uri(), http, settings, clock, listener, clientThreads);
    }

    /** Requests made to {@code path} so far. */
    List<String> requestsTo(String path) {
        synchronized (requests) {
            return requests.stream()
                    .filter(r -> r.equals(path) || r.startsWith(path + "?"))
                    .toList();
        }
    }

    /** The symbols a Binance ticker request names: {@code symbol=X} or {@code symbols=["X","Y"]}. */
    static List<String> binanceSymbols(HttpExchange exchange) {
        String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        return query.startsWith("symbol=")
                ? List.of(query.substring(7))
                : QUOTED.matcher(query).results().map(m -> m.group(1)).toList();
    }

    /** Binance's answer for {@code symbols}, each at {@code price}: a lone ticker for one symbol, else an array. */
    static String binanceTickers(List<String> symbols, String price) {
        String tickers = symbols.stream()
                .map(s -> "{\"symbol\":\"" + s + "\",\"price\":\"" + price + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        return symbols.size() == 1 ? tickers.substring(1, tickers.length() - 1) : tickers;
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        clientThreads.shutdownNow();
        http.close();
    }

    /** Records what the client reports. */
    static final class RecordingListener implements ExchangeListener {
        final List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
        final Map<ExchangeId, Integer> unlisted = new ConcurrentHashMap<>();
        /** The breaker's state changes, {@code from>to}; a breaker starts closed. */
        final List<String> breakerChanges = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onRequest(ExchangeId exchange, String outcome, long nanos) {
            outcomes.add(outcome);
        }

        @Override
        public void onBreakerState(ExchangeId exchange, String from, String to) {
            breakerChanges.add(from + ">" + to);
        }

        @Override
        public void onUnlistedPairs(ExchangeId exchange, int count) {
            unlisted.put(exchange, count);
        }
    }
}
