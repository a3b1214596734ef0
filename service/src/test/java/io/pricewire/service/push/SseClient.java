package io.pricewire.service.push;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream as the bytes arrive and splits it into events (blank-line separated), keeping comment lines as
 * events of their own, so tests see exactly what is on the wire: field order, comments, the end of the stream.
 */
final class SseClient implements AutoCloseable {
    /** One event (or comment) as sent: its lines, without the blank line that ended it. */
    record Event(List<String> lines, long receivedNanos) {
        String field(String name) {
            for (String line : lines) {
                if (line.startsWith(name + ": ")) {
                    return line.substring(name.length() + 2);
                }
            }
            return null;
        }

        boolean isComment() {
            return !lines.isEmpty() && lines.get(0).startsWith(":");
        }
    }

    /** Marks the end of the stream in the queue. */
    private static final Event END = new Event(List.of(), 0);

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    static SseClient open(URI url) {
        return open(HttpRequest.newBuilder(url).header("Accept", "text/event-stream"));
    }

    static SseClient open(HttpRequest.Builder request) {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            return new SseClient(client.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!lines.isEmpty()) {
                        events.add(new Event(List.copyOf(lines), System.nanoTime()));
                        lines.clear();
                    }
                } else {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the stream ended: closed by the server or by close()
        } finally {
            events.add(END);
        }
    }

    /** The next event or comment within {@code limit}; fails when none came or the stream ended. */
    Event next(Duration limit) {
        Event e = poll(limit);
        if (e == null) {
            throw new AssertionError("no event within " + limit);
        }
        return e;
    }

    /** The next event whose {@code event:} is {@code name}, skipping others, within {@code limit}. */
    Event next(String name, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            Event e = next(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            if (name.equals(e.field("event"))) {
                return e;
            }
        }
    }

    /** The next event within {@code limit}, {@code null} when none came; fails when the stream ended. */
    Event poll(Duration limit) {
        try {
            Event e = events.poll(limit.toNanos(), TimeUnit.NANOSECONDS);
            if (e == END) {
                events.add(END);
                throw new AssertionError("the stream ended");
            }
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every event until the server ends the stream, waiting at most {@code limit} for the end. */
    List<Event> untilEnd(Duration limit) {
        List<Event> seen = new ArrayList<>();
        long end = System.nanoTime() + limit.toNanos();
        try {
            while (true) {
                Event e = events.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) {
                    throw new AssertionError("the stream did not end within " + limit + "; saw " + seen);
                }
                if (e == END) {
                    return seen;
                }
                seen.add(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // closing anyway
        }
        reader.interrupt();
    }
}
