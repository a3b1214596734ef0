package io.pricewire.service.fastpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Netty fast path for {@code GET /v1/prices/{symbol}}: byte-for-byte the controller's answer,
 * counted in the same meters, sharing the client's rate-limit bucket, in request order when
 * requests are pipelined behind one Micronaut is still answering — and every other request left
 * to Micronaut. Two instances share one table and Redis: {@code fast} with the fast path,
 * {@code plain} with {@code pricewire.fast-path.enabled=false}; their tickers are off so both
 * hold the same prices and the answers can be compared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FastPathTest {
    private static final String FAST_COUNT = "pricewire_http_fast_path_total";
    private static final String ROUTE_COUNT =
            "http_server_requests_seconds_count{exception=\"none\",method=\"GET\",status=\"200\",uri=\"/v1/prices/{symbol}\"}";
    private static final Pattern AGE = Pattern.compile("\"ageMs\":\\d+");
    private static final String NEAR_HOT_HITS =
            "pricewire_cache_requests_total{layer=\"near\",result=\"hit\",tier=\"hot\"}";

    private final Map<String, String> props = TestStack.properties(TestStack.QUIET);
    private EmbeddedServer fast;
    private EmbeddedServer plain;

    @BeforeAll
    void start() {
        fast = TestStack.start(props);
        new Http(fast.getURI()).awaitReady();
        Map<String, String> plainProps = new HashMap<>(props);
        plainProps.put("pricewire.fast-path.enabled", "false");
        plain = TestStack.start(plainProps);
        new Http(plain.getURI()).awaitReady();
    }

    @AfterAll
    void stop() {
        if (plain != null) {
            plain.close();
        }
        if (fast != null) {
            fast.close();
        }
    }

    @Test
    void shouldAnswerAPlainPriceRequestWithTheControllersExactResponse() throws IOException {
        double fastBefore = metric(fast, FAST_COUNT);
        double routeBefore = metric(fast, ROUTE_COUNT);

        Raw fromFast = exchange(fast, get("/v1/prices/eth")).get(0);
        Raw fromPlain = exchange(plain, get("/v1/prices/eth")).get(0);

        assertThat(metric(fast, FAST_COUNT)).as("answered on the fast path").isEqualTo(fastBefore + 1);
        assertThat(metric(fast, ROUTE_COUNT))
                .as("in the route's own request meter")
                .isEqualTo(routeBefore + 1);
        assertThat(scrape(plain)).as("no fast path when it is off").doesNotContain(FAST_COUNT);

        assertThat(fromFast.statusLine()).isEqualTo("HTTP/1.1 200 OK").isEqualTo(fromPlain.statusLine());
        assertThat(fromFast.headers().keySet())
                .isEqualTo(fromPlain.headers().keySet())
                .containsExactlyInAnyOrder("content-type", "date", "content-length", "cache-control");
        assertThat(fromFast.headers().get("content-type"))
                .isEqualTo(fromPlain.headers().get("content-type"));
        assertThat(fromFast.headers().get("cache-control"))
                .isEqualTo(fromPlain.headers().get("cache-control"))
                .isEqualTo("public, max-age=1");
        assertThat(fromFast.headers().get("content-length"))
                .isEqualTo(Integer.toString(fromFast.body().length()));
        assertThat(fromFast.headers().get("date"))
                .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(withoutAge(fromFast.body()))
                .startsWith("{\"symbol\":\"ETH\",")
                .isEqualTo(withoutAge(fromPlain.body()));
    }

    @Test
    void shouldLeaveEveryOtherRequestToMicronaut() throws IOException {
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("HEAD", "HEAD /v1/prices/BTC HTTP/1.1\r\nHost: t\r\n\r\n");
        requests.put("percent-encoded symbol", get("/v1/prices/B%54C"));
        requests.put("query string", get("/v1/prices/BTC?x=1"));
        requests.put("trailing slash", get("/v1/prices/BTC/"));
        requests.put("unknown symbol", get("/v1/prices/NOSUCHCOIN0"));
        requests.put("bad symbol", get("/v1/prices/BT-C"));
        requests.put("symbol over 20 characters", get("/v1/prices/ABCDEFGHIJKLMNOPQRSTU"));
        requests.put("HTML only", "GET /v1/prices/BTC HTTP/1.1\r\nHost: t\r\nAccept: text/html\r\n\r\n");
        requests.put(
                "cross-origin", "GET /v1/prices/BTC HTTP/1.1\r\nHost: t\r\nOrigin: http://elsewhere.example\r\n\r\n");
        requests.put("HTTP/1.0", "GET /v1/prices/BTC HTTP/1.0\r\n\r\n");
        requests.put("with a body", "GET /v1/prices/BTC HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\n{}");
        requests.put(
                "Expect",
                "GET /v1/prices/BTC HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n");
        requests.put("batch", get("/v1/prices?symbols=BTC,ETH"));

        for (Map.Entry<String, String> r : requests.entrySet()) {
            double before = metric(fast, FAST_COUNT);
            Raw fromFast = exchange(fast, r.getValue()).get(0);
            Raw fromPlain = exchange(plain, r.getValue()).get(0);
            assertThat(metric(fast, FAST_COUNT))
                    .as(r.getKey() + " is Micronaut's")
                    .isEqualTo(before);
            assertThat(fromFast.statusLine()).as(r.getKey()).isEqualTo(fromPlain.statusLine());
            assertThat(fromFast.headers().keySet())
                    .as(r.getKey())
                    .isEqualTo(fromPlain.headers().keySet());
            assertThat(withoutAge(fromFast.body())).as(r.getKey()).isEqualTo(withoutAge(fromPlain.body()));
        }
        Raw percent = exchange(fast, get("/v1/prices/B%54C")).get(0);
        assertThat(percent.body()).as("decoded by Micronaut").startsWith("{\"symbol\":\"BTC\"");
        assertThat(exchange(fast, get("/v1/prices/NOSUCHCOIN0")).get(0).body())
                .contains("\"error\":\"unknown_symbol\"");
    }

    @Test
    void shouldCloseTheConnectionAfterTheAnswerWhenTheClientAsksTo() throws IOException {
        double before = metric(fast, FAST_COUNT);
        try (Socket socket = new Socket("127.0.0.1", fast.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write("GET /v1/prices/BTC HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            Raw answer = readResponse(socket.getInputStream(), false);
            assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(answer.headers()).containsEntry("connection", "close");
            assertThat(socket.getInputStream().read())
                    .as("closed after the answer")
                    .isEqualTo(-1);
        }
        assertThat(metric(fast, FAST_COUNT)).isEqualTo(before);
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrderWhenOneBeforeThemIsStillWithMicronaut() throws IOException {
        // the refresh calls the exchanges on a worker thread; the GET behind it arrives in the same read
        String refresh = "POST /v1/prices/BTC/refresh HTTP/1.1\r\nHost: t\r\nX-Api-Key: " + TestStack.API_KEY
                + "\r\nContent-Length: 0\r\n\r\n";
        List<Raw> answers = exchange(fast, refresh + get("/v1/prices/ETH") + get("/v1/prices/SOL"));

        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).body()).as("the refresh first").startsWith("{\"symbol\":\"BTC\"");
        assertThat(answers.get(1).body()).startsWith("{\"symbol\":\"ETH\"");
        assertThat(answers.get(2).body()).startsWith("{\"symbol\":\"SOL\"");

        double before = metric(fast, FAST_COUNT);
        List<Raw> fastOnes = exchange(fast, get("/v1/prices/ETH") + get("/v1/prices/SOL") + get("/v1/prices/DOGE"));
        assertThat(fastOnes)
                .extracting(a -> a.body().substring(0, 16))
                .containsExactly("{\"symbol\":\"ETH\",", "{\"symbol\":\"SOL\",", "{\"symbol\":\"DOGE\"");
        assertThat(metric(fast, FAST_COUNT)).isEqualTo(before + 3);
    }

    @Test
    void shouldTakeFastAnswersFromTheClientsRateLimitBucket() throws IOException {
        Map<String, String> limitedProps =
                new HashMap<>(props); // the same table: warm-up reads it instead of refreshing
        limitedProps.put("pricewire.rate-limit.enabled", "true");
        limitedProps.put("pricewire.rate-limit.requests-per-second", "0.2");
        limitedProps.put("pricewire.rate-limit.burst", "5");
        try (EmbeddedServer limited = TestStack.start(limitedProps)) {
            Http http = new Http(limited.getURI());
            http.awaitReady();
            double before = metric(limited, FAST_COUNT);
            double hitsBefore = metric(limited, NEAR_HOT_HITS);
            for (int i = 0; i < 5; i++) {
                assertThat(http.get("/v1/prices/BTC").status()).isEqualTo(200);
            }
            assertThat(metric(limited, FAST_COUNT)).isEqualTo(before + 5);
            Http.Answer over = http.get("/v1/prices/BTC");
            Http.assertError(over, 429, "rate_limited");
            assertThat(over.retryAfter()).isNotNull();
            assertThat(metric(limited, NEAR_HOT_HITS))
                    .as("the refused request is no cache lookup")
                    .isEqualTo(hitsBefore + 5);
            Http.assertError(http.get("/v1/assets?tier=hot"), 429, "rate_limited");
            assertThat(metric(limited, FAST_COUNT)).isEqualTo(before + 5);
        }
    }

    @Test
    void shouldLeaveACompressibleAnswerToMicronautAndCountItOnce() throws IOException {
        Map<String, String> compressing = new HashMap<>(props); // the same table: warm-up reads it
        compressing.put("micronaut.server.netty.compression-threshold", "64");
        try (EmbeddedServer server = TestStack.start(compressing)) {
            new Http(server.getURI()).awaitReady();
            double fastBefore = metric(server, FAST_COUNT);
            double hitsBefore = metric(server, NEAR_HOT_HITS);

            Raw gzip = exchange(server, "GET /v1/prices/BTC HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n")
                    .get(0);
            Raw plainAnswer = exchange(server, get("/v1/prices/BTC")).get(0);

            assertThat(gzip.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(gzip.headers()).containsEntry("content-encoding", "gzip");
            assertThat(plainAnswer.headers()).doesNotContainKey("content-encoding");
            assertThat(metric(server, FAST_COUNT))
                    .as("only the request without Accept-Encoding")
                    .isEqualTo(fastBefore + 1);
            assertThat(metric(server, NEAR_HOT_HITS))
                    .as("one lookup each, not one more for the hand-over")
                    .isEqualTo(hitsBefore + 2);
        }
    }

    private static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n";
    }

    private static String withoutAge(String body) {
        return AGE.matcher(body).replaceAll("\"ageMs\":0");
    }

    /** Writes {@code requests} in one write and reads one response per request line. */
    private static List<Raw> exchange(EmbeddedServer server, String requests) throws IOException {
        int count = Pattern.compile("^(GET|HEAD|POST) ", Pattern.MULTILINE)
                .matcher(requests)
                .results()
                .toList()
                .size();
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            List<Raw> answers = new ArrayList<>();
            InputStream in = socket.getInputStream();
            boolean head = requests.startsWith("HEAD ");
            for (int i = 0; i < count; i++) {
                answers.add(readResponse(in, head));
            }
            return answers;
        }
    }

    /** One response; the answer to a HEAD request carries a length but no body. */
    private static Raw readResponse(InputStream in, boolean head) throws IOException {
        String status = readLine(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        int length = head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Raw(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static double metric(EmbeddedServer server, String series) {
        for (String line : scrape(server).split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private static String scrape(EmbeddedServer server) {
        return new Http(server.getURI()).get("/prometheus").body();
    }

    private record Raw(String statusLine, Map<String, String> headers, String body) {}
}
