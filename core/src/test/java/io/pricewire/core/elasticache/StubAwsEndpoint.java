package io.pricewire.core.elasticache;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An AWS API endpoint on a free loopback port that records every request and answers with the
 * replies queued by the test, in order; the last one keeps being served.
 */
final class StubAwsEndpoint implements AutoCloseable {

    record Request(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst()
                    .map(e -> e.getValue().get(0))
                    .orElse(null);
        }

        /** The body as {@code application/x-www-form-urlencoded} parameters (the Query protocol). */
        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                form.put(
                        URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return form;
        }
    }

    private record Reply(int status, String contentType, String body) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Reply> replies = new ArrayDeque<>();

    private StubAwsEndpoint(HttpServer server) {
        this.server = server;
    }

    static StubAwsEndpoint start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StubAwsEndpoint stub = new StubAwsEndpoint(server);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ElastiCache (Query protocol) answer. */
    StubAwsEndpoint replyXml(int status, String body) {
        return reply(status, "text/xml", body);
    }

    /** A Secrets Manager (JSON 1.1 protocol) answer. */
    StubAwsEndpoint replyJson(int status, String body) {
        return reply(status, "application/x-amz-json-1.1", body);
    }

    synchronized StubAwsEndpoint reply(int status, String contentType, String body) {
        replies.add(new Reply(status, contentType, body));
        return this;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body));
            Reply reply = nextReply();
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.getResponseHeaders().set("x-amzn-RequestId", "stub-" + requests.size());
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private synchronized Reply nextReply() {
        if (replies.isEmpty()) {
            return new Reply(500, "text/plain", "no reply queued");
        }
        return replies.size() > 1 ? replies.poll() : replies.peek();
    }
}
