package io.pricewire.service.ratelimit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A reverse proxy on 127.0.0.1 that forwards GETs to {@code target} and appends the address it
 * saw to {@code X-Forwarded-For}, as an ALB does: the service sees every client arrive from this
 * proxy's one address.
 */
final class ForwardingProxy implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI target;

    ForwardingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void forward(HttpExchange in) throws IOException {
        try (in) {
            List<String> lines = in.getRequestHeaders().getOrDefault(ClientAddress.FORWARDED_FOR, List.of());
            String seen = in.getRemoteAddress().getAddress().getHostAddress();
            String forwarded = lines.isEmpty() ? seen : String.join(",", lines) + ", " + seen;
            HttpRequest.Builder out = HttpRequest.newBuilder(
                            target.resolve(in.getRequestURI().toString()))
                    .header(ClientAddress.FORWARDED_FOR, forwarded)
                    .timeout(Duration.ofSeconds(30))
                    .GET();
            HttpResponse<byte[]> answer = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers()
                    .firstValue("content-type")
                    .ifPresent(v -> in.getResponseHeaders().add("Content-Type", v));
            answer.headers()
                    .firstValue("retry-after")
                    .ifPresent(v -> in.getResponseHeaders().add("Retry-After", v));
            in.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream body = in.getResponseBody()) {
                body.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            in.sendResponseHeaders(502, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        client.close();
    }
}
