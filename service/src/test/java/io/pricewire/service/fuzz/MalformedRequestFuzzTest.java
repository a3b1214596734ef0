package io.pricewire.service.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import io.pricewire.testkit.Await;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Throws generated malformed HTTP at the service over raw sockets (docs/architecture.md §5: errors are
 * JSON {@code {"error","message"}}, never a stack trace, never HTML). Every answer must be a 4xx
 * with a JSON error body free of class names, or — only where the bytes are not parseable HTTP —
 * no answer at all. Afterwards the service still serves prices and its heap has not grown. The one
 * HTML the service may send is the dashboard's page, byte for byte, for a path that is {@code /}
 * (a generated {@code /?…} asks for it, legitimately).
 *
 * <p>Request {@code i} is generated from {@code new Random(seed ^ i·φ)}, so a failure reproduces
 * with the printed seed ({@code -Dpricewire.fuzz.seed=…}) and index, whatever the thread order.
 */
@TimingSensitive
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestFuzzTest implements TestPropertyProvider {
    private static final long SEED = Long.getLong("pricewire.fuzz.seed", 0x5EED_F00DL);
    private static final int WARM_UP = 1_000;
    private static final int FUZZED = 10_000;
    private static final int PARALLEL = 8;
    private static final int ANSWER_TIMEOUT_MS = 2_000;
    /** A request unanswered within {@link #ANSWER_TIMEOUT_MS} is sent once more with this much patience: a hang repeats, a busy moment does not. */
    private static final int RETRY_TIMEOUT_MS = 5_000;
    /** For requests whose framing promises more bytes than are sent: the server is right to wait, so don't wait long for it. */
    private static final int INCOMPLETE_TIMEOUT_MS = 300;

    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);
    private static final long HEAP_GROWTH_LIMIT = 32L << 20;
    private static final int MAX_REPORTED_SHAPES = 20;
    private static final List<String> LEAKS = List.of(
            "exception",
            "io.pricewire",
            "io.micronaut",
            "io.netty",
            "java.",
            "<html",
            "<!doctype",
            "\tat ",
            "stacktrace");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DASHBOARD_PAGE = dashboardPage();
    private static final String CRLF = "\r\n";
    private static final List<String> TARGETS = List.of(
            "/v1/prices/BTC",
            "/v1/prices/NOSUCHCOIN",
            "/v1/prices?symbols=BTC,ETH",
            "/v1/assets?tier=hot",
            "/v1/prices/BTC/refresh",
            "/nope");

    @Inject
    EmbeddedServer server;

    private int port;

    /** How the bytes frame a request, which decides whether silence is an acceptable answer. */
    enum Framing {
        /** a complete HTTP/1.1 message, however odd its parts: it must be answered */
        WELL_FRAMED,
        /** too long for the server's limits but well formed: answered with a 4xx, or closed if the server stops reading mid-write */
        OVERSIZE,
        /** not parseable as HTTP/1.1: a 4xx or a closed connection */
        UNPARSEABLE,
        /** promises more bytes than it sends: a 4xx, a close, or waiting for the rest */
        INCOMPLETE
    }

    /**
     * One generated request. {@code mayBeValid}: the oddity is legal HTTP (odd header bytes on a real
     * route, say), so a 2xx is the expected answer; a 2xx to any other case is lenient parsing,
     * printed for the record but not a failure.
     */
    record Case(String shape, byte[] bytes, Framing framing, boolean mayBeValid) {}

    /** What came back: a status with its content type and body, or one of the ways of not answering. */
    record Outcome(int status, String contentType, String body, String silence) {
        static Outcome silent(String how) {
            return new Outcome(-1, "", "", how);
        }

        String label() {
            return silence != null ? silence : Integer.toString(status);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties();
    }

    @BeforeAll
    void port() {
        port = server.getPort();
    }

    @Test
    void shouldAnswerEveryMalformedRequestWithAJsonClientErrorOrSilenceAndKeepServingWithoutHeapGrowth()
            throws Exception {
        System.out.printf("fuzz seed %d (rerun with -Dpricewire.fuzz.seed=%d)%n", SEED, SEED);
        // traffic starts once the instance is ready, as behind a load balancer: a price asked for before the
        // warm-up has stored it is a miss, which may answer 503 while the warm-up holds the exchanges' budget
        new Http(server.getURI()).awaitReady();
        Run warmUp = fuzz(0, WARM_UP);
        long heapBefore = usedHeapAfterGc();
        Run run = fuzz(WARM_UP, FUZZED);
        long heapAfter = usedHeapAfterGc();

        System.out.printf(
                "fuzzed %d requests (+%d warm-up) in %d ms, %d threads; %d unanswered within %d ms and sent again%n",
                run.sent.get(),
                warmUp.sent.get(),
                run.millis,
                PARALLEL,
                run.retried.get() + warmUp.retried.get(),
                ANSWER_TIMEOUT_MS);
        System.out.println("answers: " + Run.sorted(run.histogram));
        System.out.println("answers by family: " + Run.sorted(run.byShape));
        System.out.printf(
                "heap after GC: %.1f MB after warm-up, %.1f MB after %d requests (growth %.1f MB)%n",
                heapBefore / 1e6, heapAfter / 1e6, FUZZED, (heapAfter - heapBefore) / 1e6);
        run.lenient.forEach(
                (shape, example) -> System.out.println("malformed but answered 2xx: " + shape + " e.g. " + example));
        List<String> failures = new ArrayList<>(warmUp.failures.values());
        failures.addAll(run.failures.values());
        failures.forEach(f -> System.out.println("FAILURE " + f));

        assertThat(run.sent.get()).as("requests fuzzed").isEqualTo(FUZZED);
        assertThat(failures)
                .as(
                        "requests answered with a 5xx, a non-JSON or leaky error, or not at all (first %d shapes)",
                        MAX_REPORTED_SHAPES)
                .isEmpty();
        Http.Answer btc = new Http(server.getURI()).get("/v1/prices/BTC");
        assertThat(btc.status())
                .as("GET /v1/prices/BTC after fuzzing: %s", btc.body())
                .isEqualTo(200);
        assertThat(heapAfter - heapBefore)
                .as("heap growth over %d malformed requests (bytes)", FUZZED)
                .isLessThan(HEAP_GROWTH_LIMIT);
    }

    @Test
    void shouldKeepServingOthersWhenClientsStallHalfwayThroughTheRequestLine() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                s.setSoTimeout(1_500);
                s.getOutputStream().write("GET /v1/pri".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                stalled.add(s);
            }
            long start = System.nanoTime();
            Http.Answer a = new Http(server.getURI()).get("/v1/prices/BTC");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(a.status())
                    .as("a full request while 5 clients stall: %s", a.body())
                    .isEqualTo(200);
            assertThat(millis).as("ms for that request").isLessThan(1_000);
            for (Socket s : stalled) {
                Outcome o = read(s.getInputStream());
                // waiting for the rest of the line, or a 408/400 after its own read timeout, are both right
                if (o.silence == null) {
                    assertThat(problems(o))
                            .as("answer to a stalled request: %s %s", o.status, o.body)
                            .isEmpty();
                }
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    /** Sends requests {@code from} … {@code from + count - 1} on {@link #PARALLEL} threads. */
    private Run fuzz(int from, int count) throws Exception {
        Run run = new Run();
        Instant deadline = Instant.now().plus(RUN_LIMIT);
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger(from);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < PARALLEL; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement();
                            i < from + count && Instant.now().isBefore(deadline);
                            i = next.getAndIncrement()) {
                        Case c = generate(new Random(SEED ^ (i * 0x9E3779B97F4A7C15L)));
                        Outcome o =
                                send(c, c.framing == Framing.INCOMPLETE ? INCOMPLETE_TIMEOUT_MS : ANSWER_TIMEOUT_MS);
                        if ("timeout".equals(o.silence) && c.framing != Framing.INCOMPLETE) {
                            run.retried.incrementAndGet();
                            o = send(c, RETRY_TIMEOUT_MS);
                        }
                        run.record(i, c, o);
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        run.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(run.sent.get())
                .as("requests sent within %d s", RUN_LIMIT.toSeconds())
                .isEqualTo(count);
        return run;
    }

    private Outcome send(Case c, int timeoutMs) {
        try (Socket s = new Socket()) {
            s.setSoLinger(true, 0); // no TIME_WAIT pile-up over 11,000 connections
            s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            s.setSoTimeout(timeoutMs);
            boolean writeFailed = false;
            try {
                OutputStream out = s.getOutputStream();
                out.write(c.bytes);
                out.flush();
            } catch (IOException e) {
                writeFailed = true; // the server stopped reading (oversize): its answer may still be waiting
            }
            Outcome o = read(s.getInputStream());
            return writeFailed && o.silence != null ? Outcome.silent("closed-mid-write") : o;
        } catch (IOException e) {
            return Outcome.silent("connect-failed: " + e);
        }
    }

    /** Reads one HTTP/1.1 response (skipping 1xx), or says how none came. */
    private static Outcome read(InputStream raw) {
        InputStream in = new BufferedInputStream(raw);
        try {
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return Outcome.silent("closed");
                }
                String[] lines = head.split(CRLF);
                String[] statusLine = lines[0].split(" ", 3);
                if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
                    return new Outcome(0, "", "unparseable status line: " + lines[0], null);
                }
                int status = Integer.parseInt(statusLine[1]);
                Map<String, String> headers = new HashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    if (colon > 0) {
                        headers.put(
                                lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                lines[i].substring(colon + 1).trim());
                    }
                }
                if (status >= 100 && status < 200) {
                    continue;
                }
                byte[] body;
                if (headers.containsKey("content-length")) {
                    body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
                } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    body = readChunked(in);
                } else {
                    body = in.readNBytes(1 << 20); // until the server closes
                }
                return new Outcome(
                        status,
                        headers.getOrDefault("content-type", ""),
                        new String(body, StandardCharsets.UTF_8),
                        null);
            }
        } catch (SocketTimeoutException e) {
            return Outcome.silent("timeout");
        } catch (IOException e) {
            return Outcome.silent(e.getMessage() != null && e.getMessage().contains("reset") ? "reset" : "io-error");
        } catch (RuntimeException e) {
            return new Outcome(0, "", "unreadable response: " + e, null);
        }
    }

    /** The status line and headers, or null when the connection ended before any byte. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("connection ended inside the response head");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 65_536) {
                throw new IOException("response head over 64 KB");
            }
        }
        String s = head.toString(StandardCharsets.ISO_8859_1);
        return s.substring(0, s.length() - 4);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection ended inside a chunk size");
                }
                size.append((char) b);
            }
            int n = Integer.parseInt(size.toString().trim().split(";")[0], 16);
            if (n == 0) {
                in.readNBytes(2);
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            in.readNBytes(2);
        }
    }

    /**
     * What is wrong with an answer (empty when nothing): a 4xx with the JSON error body, or a 2xx
     * JSON answer (a request whose oddity the server may legally overlook); never a class name.
     */
    private static List<String> problems(Outcome o) {
        if (o.status == 200 && o.contentType.startsWith("text/html") && o.body.equals(DASHBOARD_PAGE)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        boolean clientError = o.status >= 400 && o.status < 500;
        if (!clientError && !(o.status >= 200 && o.status < 300)) {
            problems.add("status " + o.status + " (want 4xx)");
        }
        if (!o.contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            problems.add("content type '" + o.contentType + "'");
        }
        String lower = o.body.toLowerCase(Locale.ROOT);
        for (String leak : LEAKS) {
            if (lower.contains(leak)) {
                problems.add("body contains '" + leak.strip() + "'");
            }
        }
        if (clientError) {
            try {
                JsonNode body = JSON.readTree(o.body);
                if (body == null
                        || !body.isObject()
                        || !body.path("error").isTextual()
                        || !body.path("message").isTextual()) {
                    problems.add("body is not {\"error\":…,\"message\":…}");
                }
            } catch (IOException e) {
                problems.add("body is not JSON");
            }
        }
        return problems;
    }

    /** Counts, histogram and the first failing example of each shape. */
    private static final class Run {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        final Map<String, LongAdder> histogram = new ConcurrentHashMap<>();
        final Map<String, LongAdder> byShape = new ConcurrentHashMap<>();
        final Map<String, String> failures = Collections.synchronizedMap(new LinkedHashMap<>());
        final Map<String, String> lenient = new ConcurrentHashMap<>();
        long millis;

        void record(int index, Case c, Outcome o) {
            sent.incrementAndGet();
            histogram.computeIfAbsent(o.label(), k -> new LongAdder()).increment();
            String family = c.shape.contains("/") ? c.shape.substring(0, c.shape.indexOf('/')) : c.shape;
            byShape.computeIfAbsent(family + "→" + o.label(), k -> new LongAdder())
                    .increment();
            List<String> problems = o.silence == null ? problems(o) : silenceProblems(c, o);
            String key = c.shape + " → " + o.label() + " " + o.contentType;
            if (!problems.isEmpty()) {
                synchronized (failures) {
                    if (failures.size() < MAX_REPORTED_SHAPES && !failures.containsKey(key)) {
                        failures.put(
                                key,
                                "#" + index + " " + key + ": " + problems + "\n  request:  " + preview(c.bytes)
                                        + "\n  response: " + preview(o.body.getBytes(StandardCharsets.UTF_8)));
                    }
                }
            } else if (o.status >= 200 && o.status < 300 && !c.mayBeValid && lenient.size() < MAX_REPORTED_SHAPES) {
                lenient.putIfAbsent(c.shape, "#" + index + " " + preview(c.bytes));
            }
        }

        private static List<String> silenceProblems(Case c, Outcome o) {
            boolean acceptable = switch (c.framing) {
                case WELL_FRAMED -> false;
                case OVERSIZE ->
                    o.silence.equals("closed-mid-write") || o.silence.equals("reset") || o.silence.equals("closed");
                case UNPARSEABLE -> !o.silence.equals("timeout");
                case INCOMPLETE -> true;
            };
            return acceptable ? List.of() : List.of("no answer (" + o.silence + ") to a " + c.framing + " request");
        }

        static Map<String, Long> sorted(Map<String, LongAdder> counts) {
            Map<String, Long> out = new TreeMap<>();
            counts.forEach((k, v) -> out.put(k, v.sum()));
            return out;
        }
    }

    private static String preview(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length && sb.length() < 400; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\r') {
                sb.append("\\r");
            } else if (b == '\n') {
                sb.append("\\n");
            } else if (b < 0x20 || b >= 0x7f) {
                sb.append(String.format("\\x%02x", b));
            } else {
                sb.append((char) b);
            }
        }
        return (bytes.length > 400 ? sb + "… (" + bytes.length + " bytes)" : sb.toString());
    }

    /** The heap in use once full collections stop freeing anything (two readings within 1 MB), the least reading seen. */
    private static long usedHeapAfterGc() {
        long[] readings = {Long.MAX_VALUE, Long.MAX_VALUE}; // least so far, last
        Await.within(Duration.ofSeconds(5), Duration.ofMillis(300), () -> {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            boolean settled = Math.abs(used - readings[1]) < 1_000_000;
            readings[0] = Math.min(readings[0], used);
            readings[1] = used;
            return settled;
        });
        return readings[0];
    }

    // ---------------------------------------------------------------- generators

    private static final List<Function<Random, Case>> GENERATORS = List.of(
            MalformedRequestFuzzTest::randomPathBytes,
            MalformedRequestFuzzTest::dotDotPath,
            MalformedRequestFuzzTest::longPath,
            MalformedRequestFuzzTest::percentAbuse,
            MalformedRequestFuzzTest::percentAbuse,
            MalformedRequestFuzzTest::hugeQuery,
            MalformedRequestFuzzTest::rawInvalidUtf8Path,
            MalformedRequestFuzzTest::invalidUtf8Header,
            MalformedRequestFuzzTest::oddMethod,
            MalformedRequestFuzzTest::oddMethod,
            MalformedRequestFuzzTest::hugeHeaderValue,
            MalformedRequestFuzzTest::manyHeaders,
            MalformedRequestFuzzTest::brokenHeaderLine,
            MalformedRequestFuzzTest::brokenHeaderLine,
            MalformedRequestFuzzTest::oddHeaderValue,
            MalformedRequestFuzzTest::wrongContentLength,
            MalformedRequestFuzzTest::oversizeBody,
            MalformedRequestFuzzTest::chunkedGarbage,
            MalformedRequestFuzzTest::badVersion,
            MalformedRequestFuzzTest::badVersion,
            MalformedRequestFuzzTest::binaryGarbage);

    private static Case generate(Random r) {
        return GENERATORS.get(r.nextInt(GENERATORS.size())).apply(r);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String target(Random r) {
        return TARGETS.get(r.nextInt(TARGETS.size()));
    }

    private static String methodFor(String target) {
        return target.endsWith("/refresh") ? "POST" : "GET";
    }

    /** A request with the given line parts, extra header lines (each without CRLF) and body. */
    private static byte[] request(String method, byte[] target, String version, List<byte[]> headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(method + " "));
        out.writeBytes(target);
        out.writeBytes(ascii(" " + version + CRLF + "Host: 127.0.0.1" + CRLF));
        for (byte[] h : headers) {
            out.writeBytes(h);
            out.writeBytes(ascii(CRLF));
        }
        out.writeBytes(ascii(CRLF));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] simple(String method, String target, List<byte[]> headers) {
        return request(method, ascii(target), "HTTP/1.1", headers, new byte[0]);
    }

    private static Case randomPathBytes(Random r) {
        String[] pieces = {
            "/", "..", "%00", "%", "v1", "prices", "BTC", "?", "&", "=", "#", ";", "\\", "~", "*", "%2F", "%5C", "{",
            "}", "|", "^", "`", "'", "\"", "<", ">", "[", "]", "@", "!", "$", "(", ")", "+", ","
        };
        ByteArrayOutputStream path = new ByteArrayOutputStream();
        path.write('/');
        boolean raw = false;
        int n = 1 + r.nextInt(60);
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(10);
            if (pick < 6) {
                path.writeBytes(ascii(pieces[r.nextInt(pieces.length)]));
            } else if (pick < 8) {
                path.write(0x21 + r.nextInt(0x5e)); // printable ASCII
            } else {
                int b = r.nextBoolean() ? r.nextInt(0x20) : 0x7f + r.nextInt(0x81); // control or non-ASCII
                if (b == '\r' || b == '\n' || b == ' ') {
                    b = 0x01;
                }
                path.write(b);
                raw = true;
            }
        }
        return new Case(
                raw ? "path/raw-bytes" : "path/ascii-junk",
                simple("GET", path.toString(StandardCharsets.ISO_8859_1), List.of()),
                raw ? Framing.UNPARSEABLE : Framing.WELL_FRAMED,
                false);
    }

    private static Case dotDotPath(Random r) {
        String[] paths = {
            "/v1/prices/../../../../etc/passwd",
            "/v1/../v1/prices/BTC",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/..;/v1/prices/BTC",
            "//v1//prices//BTC",
            "/v1/prices/BTC/..%2f..%2f..%2fetc%2fpasswd",
            "/v1/./prices/./BTC",
            "/v1/prices/%2e%2e",
            "/v1/prices/..%00/BTC",
            "/.%2e/.%2e/",
            "/v1/prices/BTC%2f..%2f..%2fassets",
            "/../",
            "/v1/prices/BTC/%2e%2e/ETH"
        };
        return new Case(
                "path/dot-dot", simple("GET", paths[r.nextInt(paths.length)], List.of()), Framing.WELL_FRAMED, true);
    }

    private static Case longPath(Random r) {
        int[] lengths = {4_000, 4_090, 4_200, 8_000, 20_000, 70_000};
        int n = lengths[r.nextInt(lengths.length)];
        String prefix = r.nextBoolean() ? "/v1/prices/" : "/v1/assets/";
        boolean fits = prefix.length() + n + "GET  HTTP/1.1".length() <= 4_096;
        return new Case(
                fits ? "path/long-under-limit" : "path/long-over-limit",
                simple("GET", prefix + "A".repeat(n), List.of()),
                fits ? Framing.WELL_FRAMED : Framing.OVERSIZE,
                false);
    }

    private static Case percentAbuse(Random r) {
        String[] junk = {
            "%",
            "%G1",
            "%FF%FE",
            "%C0%AF",
            "%252e%252e%252f",
            "%2e%2e%2f",
            "%00",
            "%E0%80%80",
            "%ED%A0%80",
            "%F4%90%80%80",
            "BTC%",
            "%%41",
            "%u0041",
            "%C3%28",
            "%F0%28%8C%BC",
            "%80",
            "%FE%FF",
            "%0D%0ASet-Cookie:x=1",
            "%20",
            "%2C%2C",
            "%3Cscript%3E",
            "%E2%82%AC",
            "%25",
            "%1",
            "%zz",
            "+",
            "%2B%2F%3F"
        };
        StringBuilder s = new StringBuilder();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            s.append(r.nextBoolean() ? junk[r.nextInt(junk.length)] : (char) ('A' + r.nextInt(26)));
        }
        String[] where = {
            "/v1/prices/" + s,
            "/v1/prices?symbols=" + s,
            "/v1/prices?symbols=BTC," + s,
            "/v1/assets?tier=" + s,
            "/" + s,
            "/v1/prices/BTC?" + s + "=" + s,
            "/v1/prices/" + s + "/refresh"
        };
        int w = r.nextInt(where.length);
        String method = w == where.length - 1 ? "POST" : "GET";
        return new Case("percent/" + w, simple(method, where[w], List.of()), Framing.WELL_FRAMED, w == 5);
    }

    private static Case hugeQuery(Random r) {
        String[] fill = {"BTC,", "%FF", "a=b&", "%"};
        String q = fill[r.nextInt(fill.length)].repeat(100_000 / 4);
        String path = r.nextBoolean() ? "/v1/prices?symbols=" + q : "/v1/assets?" + q;
        return new Case("query/100KB", simple("GET", path, List.of()), Framing.OVERSIZE, false);
    }

    private static Case rawInvalidUtf8Path(Random r) {
        byte[][] bad = {
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xFF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xC3, 0x28},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}
        };
        byte[] target = concat(
                ascii(r.nextBoolean() ? "/v1/prices/" : "/v1/prices?symbols="),
                bad[r.nextInt(bad.length)],
                ascii("BTC"));
        return new Case(
                "utf8/raw-path",
                request("GET", target, "HTTP/1.1", List.of(), new byte[0]),
                Framing.UNPARSEABLE,
                false);
    }

    private static Case invalidUtf8Header(Random r) {
        byte[][] bad = {
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xFF, (byte) 0xFE},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xC3, 0x28}
        };
        String[] names = {
            "X-Api-Key",
            "Accept",
            "User-Agent",
            "X-Forwarded-For",
            "Accept-Language",
            "Content-Type",
            "Origin",
            "Cookie"
        };
        String t = target(r);
        byte[] header = concat(ascii(names[r.nextInt(names.length)] + ": a"), bad[r.nextInt(bad.length)], ascii("z"));
        return new Case(
                "utf8/header",
                request(methodFor(t), ascii(t), "HTTP/1.1", List.of(header), new byte[0]),
                Framing.WELL_FRAMED,
                true);
    }

    private static Case oddMethod(Random r) {
        String[] methods = {
            "BREW",
            "PROPFIND",
            "get",
            "Get",
            "gEt",
            "A".repeat(300),
            "MKCOL",
            "TRACE",
            "PATCH",
            "DELETE",
            "PUT",
            "OPTIONS",
            "CONNECT",
            "LOCK",
            "G3T",
            "X",
            "QUERY",
            "POST",
            "M-SEARCH",
            "HEAD2"
        };
        String m = methods[r.nextInt(methods.length)];
        String t = m.equals("CONNECT") ? "127.0.0.1:443" : m.equals("OPTIONS") && r.nextBoolean() ? "*" : target(r);
        boolean valid = m.equals("OPTIONS") || m.equals("POST") && t.endsWith("/refresh");
        String shape = "method/" + (m.length() > 20 ? "300-chars" : m);
        return new Case(shape, simple(m, t, List.of()), Framing.WELL_FRAMED, valid);
    }

    private static Case hugeHeaderValue(Random r) {
        String name = r.nextBoolean() ? "X-Big" : "Cookie";
        int size = r.nextBoolean() ? 100_000 : 9_000;
        return new Case(
                "header/value-" + (size / 1000) + "KB",
                simple("GET", target(r).replace("/refresh", ""), List.of(ascii(name + ": " + "v".repeat(size)))),
                Framing.OVERSIZE,
                false);
    }

    private static Case manyHeaders(Random r) {
        boolean small = r.nextBoolean();
        List<byte[]> headers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            headers.add(ascii(small ? "H" + i + ":1" : "X-Header-Number-" + i + ": some value " + i));
        }
        String t = target(r).replace("/refresh", "");
        return small
                ? new Case("header/500-small", simple("GET", t, headers), Framing.WELL_FRAMED, true)
                : new Case("header/500-large", simple("GET", t, headers), Framing.OVERSIZE, false);
    }

    private static Case brokenHeaderLine(Random r) {
        byte[][] lines = {
            ascii("X-No-Colon"),
            ascii("X-Nul: a\0b"),
            ascii("Bad Header: x"),
            ascii(": no-name"),
            ascii("X-A: a\r\n folded"),
            concat(ascii("X-"), new byte[] {(byte) 0xC3, (byte) 0x9C}, ascii(": umlaut-name")),
            ascii("X-Ctl\u0001: v"),
            ascii("Content-Length: 3\r\nContent-Length: 5"),
            ascii("X-Bare-CR: a\rb"),
            ascii("X-Tab\t: v"),
            ascii("\0\0\0"),
            ascii("Host: second-host"),
            ascii("X-A : space-before-colon")
        };
        int pick = r.nextInt(lines.length);
        String t = target(r);
        return new Case(
                "header/broken-" + pick,
                request(
                        methodFor(t),
                        ascii(t),
                        "HTTP/1.1",
                        List.of(lines[pick]),
                        pick == 7 ? ascii("abcde") : new byte[0]),
                Framing.UNPARSEABLE,
                false);
    }

    private static Case oddHeaderValue(Random r) {
        String[] lines = {
            "Host: [::1",
            "Host: a b c",
            "Host: " + "h".repeat(300),
            "Host:",
            "Accept: text/html",
            "Accept: */*;q=abc",
            "Accept: application/xml",
            "Content-Type: ;;;",
            "Content-Type: application/json; charset=no-such-charset",
            "X-Forwarded-For: ::::, 999.999.1.1, <script>",
            "Connection: Upgrade, close\r\nUpgrade: h2c",
            "Expect: 100-continue",
            "Expect: teapot",
            "Accept-Encoding: gzip;q=NaN",
            "Range: bytes=-1--2",
            "If-Modified-Since: yesterday",
            "Authorization: Basic !!!",
            "Origin: null",
            "Content-Encoding: gzip",
            "Origin: https://example.com"
        };
        int pick = r.nextInt(lines.length);
        String t = target(r);
        return new Case(
                "header/odd-value-" + pick,
                simple(methodFor(t), t, List.of(ascii(lines[pick]))),
                Framing.WELL_FRAMED,
                true);
    }

    private static Case wrongContentLength(Random r) {
        String t = r.nextBoolean() ? "/v1/prices/BTC/refresh" : "/v1/prices/BTC";
        String m = t.endsWith("/refresh") ? "POST" : (r.nextBoolean() ? "GET" : "PUT");
        int pick = r.nextInt(5);
        return switch (pick) {
            case 0 ->
                new Case(
                        "body/content-length-short",
                        request(m, ascii(t), "HTTP/1.1", List.of(ascii("Content-Length: 10")), ascii("abcde")),
                        Framing.INCOMPLETE,
                        false);
            case 1 ->
                new Case(
                        "body/content-length-long",
                        request(
                                m,
                                ascii(t),
                                "HTTP/1.1",
                                List.of(ascii("Content-Length: 5")),
                                ascii("abcde" + "garbage after the body ".repeat(3))),
                        Framing.UNPARSEABLE,
                        m.equals("GET"));
            case 2 ->
                new Case(
                        "body/content-length-negative",
                        request(m, ascii(t), "HTTP/1.1", List.of(ascii("Content-Length: -1")), ascii("x")),
                        Framing.UNPARSEABLE,
                        false);
            case 3 ->
                new Case(
                        "body/content-length-nan",
                        request(m, ascii(t), "HTTP/1.1", List.of(ascii("Content-Length: abc")), ascii("x")),
                        Framing.UNPARSEABLE,
                        false);
            default ->
                new Case(
                        "body/content-length-huge",
                        request(
                                m,
                                ascii(t),
                                "HTTP/1.1",
                                List.of(ascii("Content-Length: 99999999999999999999")),
                                ascii("x")),
                        Framing.UNPARSEABLE,
                        false);
        };
    }

    private static Case oversizeBody(Random r) {
        int size = r.nextBoolean() ? 20_000 : 200_000;
        String t = r.nextBoolean() ? "/v1/prices/BTC/refresh" : "/v1/prices/BTC";
        return new Case(
                "body/oversize-" + (size / 1000) + "KB",
                request(
                        methodFor(t),
                        ascii(t),
                        "HTTP/1.1",
                        List.of(ascii("Content-Length: " + size), ascii("Content-Type: application/json")),
                        ascii("{".repeat(size))),
                Framing.OVERSIZE,
                false);
    }

    private static Case chunkedGarbage(Random r) {
        String[][] variants = {
            {"Transfer-Encoding: chunked", "ZZ\r\nhello\r\n0\r\n\r\n"},
            {"Transfer-Encoding: chunked", "5\r\nhello world and more\r\n0\r\n\r\n"},
            {"Transfer-Encoding: chunked", "-5\r\nhello\r\n0\r\n\r\n"},
            {"Transfer-Encoding: chunked", "5;" + "x".repeat(10_000) + "\r\nhello\r\n0\r\n\r\n"},
            {"Transfer-Encoding: chunked\r\nContent-Length: 5", "5\r\nhello\r\n0\r\n\r\n"},
            {"Transfer-Encoding: xchunked", "5\r\nhello\r\n0\r\n\r\n"},
            {"Transfer-Encoding: chunked, identity", "5\r\nhello\r\n0\r\n\r\n"},
            {"Transfer-Encoding : chunked", "5\r\nhello\r\n0\r\n\r\n"},
            {"Transfer-Encoding: chunked", "FFFFFFFFFFFFFFFFFFFF\r\nhello\r\n"},
            {"Transfer-Encoding: chunked", "5\r\nhello0\r\n\r\n"},
        };
        int pick = r.nextInt(variants.length);
        String t = r.nextBoolean() ? "/v1/prices/BTC/refresh" : "/v1/prices/BTC";
        Framing framing = pick == 8 ? Framing.INCOMPLETE : Framing.UNPARSEABLE;
        return new Case(
                "chunked/" + pick,
                request(
                        methodFor(t),
                        ascii(t),
                        "HTTP/1.1",
                        List.of(ascii(variants[pick][0])),
                        ascii(variants[pick][1])),
                framing,
                false);
    }

    private static Case badVersion(Random r) {
        String[] lines = {
            "GET /v1/prices/BTC\r\n\r\n",
            "GET /v1/prices/BTC HTTP/9.9\r\nHost: x\r\n\r\n",
            "GET /v1/prices/BTC HTTP/0.9\r\nHost: x\r\n\r\n",
            "GET /v1/prices/BTC HTTP/2.0\r\nHost: x\r\n\r\n",
            "GET /v1/prices/BTC HTTP/1.10\r\nHost: x\r\n\r\n",
            "GET /v1/prices/BTC HTP/1.1\r\nHost: x\r\n\r\n",
            "GET /v1/prices/BTC http/1.1\r\nHost: x\r\n\r\n",
            "HTTP/1.1 GET /v1/prices/BTC\r\nHost: x\r\n\r\n",
            "GET /v1/prices/BTC HTTP/1.1 extra\r\nHost: x\r\n\r\n",
            "GET  /v1/prices/BTC  HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /v1/prices/BTC HTTP/1.1\nHost: x\n\n",
            "GET\t/v1/prices/BTC\tHTTP/1.1\r\nHost: x\r\n\r\n",
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
            "GET /v1/prices/BTC HTTP/\r\nHost: x\r\n\r\n",
            " GET /v1/prices/BTC HTTP/1.1\r\n\r\n",
            "GET /v1/prices/BTC HTTP/1.1\r\n\r\n"
        };
        int pick = r.nextInt(lines.length);
        // the last two are legal: obs line-ending LF (#10) and HTTP/1.1 without Host (#15) may be served
        return new Case("version/" + pick, ascii(lines[pick]), Framing.UNPARSEABLE, pick == 10 || pick == 15);
    }

    private static Case binaryGarbage(Random r) {
        if (r.nextInt(4) == 0) {
            // a TLS ClientHello's first bytes: someone speaking HTTPS to the plain port
            return new Case(
                    "garbage/tls",
                    concat(
                            new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03},
                            ascii("\r\n\r\n")),
                    Framing.UNPARSEABLE,
                    false);
        }
        byte[] junk = new byte[1 + r.nextInt(300)];
        r.nextBytes(junk);
        // starts with a letter: leading control bytes and blanks are skipped as "nothing sent yet", which rightly gets
        // no answer
        return new Case("garbage/random", concat(ascii("Z"), junk, ascii("\r\n\r\n")), Framing.UNPARSEABLE, false);
    }

    private static String dashboardPage() {
        try (InputStream in = MalformedRequestFuzzTest.class.getResourceAsStream("/dashboard/index.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
