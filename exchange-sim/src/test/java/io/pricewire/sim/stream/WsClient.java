package io.pricewire.sim.stream;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A stream client on the JDK's {@link WebSocket}, the way a Java adapter would connect: collects whole text
 * messages (the JDK delivers fragments), the pings the server sends, and how the connection ended.
 */
final class WsClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the JDK reports a connection that ended without a close frame (RFC 6455's "abnormal closure"). */
    static final int DROPPED = 1006;

    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> pings = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();
    private WebSocket ws;

    private WsClient() {}

    /** Connects, failing with the handshake's exception (e.g. a refused upgrade) as the cause. */
    static WsClient connect(URI uri) throws ExecutionException {
        WsClient client = new WsClient();
        try {
            client.ws = client.http
                    .newWebSocketBuilder()
                    .connectTimeout(WAIT)
                    .buildAsync(uri, client.listener())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no handshake with " + uri + " within " + WAIT, e);
        } catch (ExecutionException e) {
            client.http.close();
            throw e;
        }
        return client;
    }

    static WsClient open(URI uri) {
        try {
            return connect(uri);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not connect to " + uri, e.getCause());
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    texts.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
                pings.add(StandardCharsets.UTF_8.decode(message).toString());
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
                pongs.add(StandardCharsets.UTF_8.decode(message).toString());
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                ended.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                ended.complete(DROPPED);
            }
        };
    }

    void send(String text) {
        ws.sendText(text, true).join();
    }

    /** The next text message; fails when none comes within {@link #WAIT}. */
    String next() {
        try {
            String text = texts.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                fail("no message within " + WAIT);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next text message that matches, skipping the others. */
    String next(Predicate<String> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = next();
            if (wanted.test(text)) {
                return text;
            }
        }
        return fail("no matching message within " + WAIT);
    }

    JsonNode nextJson() {
        return json(next());
    }

    JsonNode nextJson(Predicate<String> wanted) {
        return json(next(wanted));
    }

    /** Messages received and not read yet, without waiting. */
    List<String> drain() {
        List<String> out = new ArrayList<>();
        texts.drainTo(out);
        return out;
    }

    /** The payload of the next ping frame the server sends. */
    String nextPing() {
        return take(pings, "ping");
    }

    /** Sends a protocol ping frame and waits for the server's pong; answers its payload. */
    String pingPong(String payload) {
        ws.sendPing(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8))).join();
        return take(pongs, "pong");
    }

    private static String take(BlockingQueue<String> queue, String what) {
        try {
            String item = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                fail("no " + what + " within " + WAIT);
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the server to end the connection: its close status, or {@link #DROPPED}. */
    int awaitEnd(Duration within) {
        try {
            return ended.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("the connection was still open after " + within);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isOpen() {
        return !ended.isDone();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    @Override
    public void close() {
        if (ws != null && !ended.isDone()) {
            ws.abort();
        }
        http.close();
    }
}
