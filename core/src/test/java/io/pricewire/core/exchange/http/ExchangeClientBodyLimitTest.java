package io.pricewire.core.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.pricewire.core.exchange.CoinbaseAdapter;
import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.Samples;
import io.pricewire.core.exchange.TickerResponse;
import io.pricewire.core.exchange.TickerResponse.FailureKind;
import io.pricewire.core.exchange.http.LoopbackExchange.RecordingListener;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers that never end or never stop growing: the call's timeout covers the body, not just the headers, and a
 * body over the cap is a malformed answer read no further.
 */
class ExchangeClientBodyLimitTest {
    private static final int TWENTY_MIB = 20 * 1024 * 1024;
    private static final Listing BTC = new Listing("BTC", "BTC-USD");

    private final RecordingListener listener = new RecordingListener();
    private LoopbackExchange exchange;

    @BeforeEach
    void start() throws IOException {
        exchange = new LoopbackExchange()
                // headers at once, then a byte every 100 ms for as long as the client listens
                .route("/products/TRICKLE-USD/ticker", e -> {
                    e.sendResponseHeaders(200, 0);
                    OutputStream out = e.getResponseBody();
                    out.write("{\"price\":\"1".getBytes());
                    out.flush();
                    while (!Thread.currentThread().isInterrupted()) {
                        out.write('0');
                        out.flush();
                        try {
                            // the trickle is the fault under test, not a wait in the test
                            Thread.sleep(100);
                        } catch (InterruptedException stopped) {
                            return;
                        }
                    }
                })
                .route("/products/HUGE-USD/ticker", e -> hugeBody(e, 0))
                .route("/products/HUGEFIXED-USD/ticker", e -> hugeBody(e, TWENTY_MIB));
    }

    private static void hugeBody(HttpExchange e, long length) throws IOException {
        e.sendResponseHeaders(200, length);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        try (OutputStream out = e.getResponseBody()) {
            for (int sent = 0; sent < TWENTY_MIB; sent += chunk.length) {
                out.write(chunk);
            }
        }
    }

    @AfterEach
    void stop() {
        exchange.close();
    }

    @Test
    void shouldTimeOutWhenTheBodyTricklesPastTheRequestTimeout() throws Exception {
        ExchangeClient client = client(ExchangeClientSettings.DEFAULT.with(Duration.ofMillis(800), 1));

        // get() with a bound: a client that waits for the body forever fails here instead of hanging the build
        TickerResponse response = client.fetch(List.of(new Listing("T", "TRICKLE-USD")), Duration.ofSeconds(30))
                .get(10, TimeUnit.SECONDS);

        assertThat(response.failure().kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(response.failure().message()).contains("800 ms");
        assertThat(listener.outcomes).containsExactly("timeout");
    }

    @Test
    void shouldReportMalformedWhenAStreamedBodyExceedsTheCap() throws Exception {
        ExchangeClient client = client(ExchangeClientSettings.DEFAULT.with(Duration.ofSeconds(5), 1));

        TickerResponse response = client.fetch(List.of(new Listing("H", "HUGE-USD")), Duration.ofSeconds(10))
                .get(10, TimeUnit.SECONDS);

        assertThat(response.failure().kind()).isEqualTo(FailureKind.MALFORMED);
        assertThat(response.failure().message())
                .contains(String.valueOf(ExchangeClientSettings.DEFAULT_MAX_BODY_BYTES));
        assertThat(listener.outcomes).containsExactly("malformed");
    }

    @Test
    void shouldReportMalformedWhenContentLengthAnnouncesABodyOverTheCap() throws Exception {
        ExchangeClient client = client(
                ExchangeClientSettings.DEFAULT.with(Duration.ofSeconds(5), 1).withMaxBodyBytes(1024 * 1024));

        TickerResponse response = client.fetch(List.of(new Listing("H", "HUGEFIXED-USD")), Duration.ofSeconds(10))
                .get(10, TimeUnit.SECONDS);

        assertThat(response.failure().kind()).isEqualTo(FailureKind.MALFORMED);
        assertThat(response.failure().message()).contains("1048576");
    }

    @Test
    void shouldStillReadABodyUnderTheCap() throws Exception {
        exchange.route(
                "/products/BTC-USD/ticker", e -> LoopbackExchange.send(e, 200, Samples.body("coinbase-ticker.json")));
        ExchangeClient client = client(ExchangeClientSettings.DEFAULT.withMaxBodyBytes(1024));

        TickerResponse response =
                client.fetch(List.of(BTC), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);

        assertThat(response.failure()).isNull();
        assertThat(response.quotes())
                .singleElement()
                .satisfies(q -> assertThat(q.price()).isEqualByComparingTo("6268.48"));
    }

    private ExchangeClient client(ExchangeClientSettings settings) {
        return exchange.client(new CoinbaseAdapter(), settings, Clock.systemUTC(), listener);
    }
}
