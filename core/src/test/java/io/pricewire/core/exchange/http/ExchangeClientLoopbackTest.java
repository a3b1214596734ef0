package io.pricewire.core.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pricewire.core.exchange.CoinbaseAdapter;
import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.TickerResponse;
import io.pricewire.core.exchange.TickerResponse.FailureKind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a loopback Coinbase-shaped endpoint: a 429 costs a wait, not the assets, when
 * the cycle has time for the exchange's {@code Retry-After}; a process given part of the exchange's
 * limit keeps to that part.
 */
class ExchangeClientLoopbackTest {
    private static final String TICKER =
            "{\"ask\":\"6267.71\",\"bid\":\"6265.15\",\"volume\":\"53602.03\",\"trade_id\":86326522,"
                    + "\"price\":\"6268.48\",\"size\":\"0.00698254\",\"time\":\"2026-11-26T12:00:00.000Z\"}";
    private final AtomicInteger calls = new AtomicInteger();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private HttpServer server;
    private volatile int throttled;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/products/", exchange -> {
            boolean limit = calls.incrementAndGet() <= throttled;
            byte[] body =
                    (limit ? "{\"message\":\"Public rate limit exceeded\"}" : TICKER).getBytes(StandardCharsets.UTF_8);
            if (limit) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(limit ? 429 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void shouldRetryAfterRetryAfterWhenTheBudgetLeavesTimeForIt() {
        throttled = 1;
        long started = System.nanoTime();

        TickerResponse response = client().fetch(List.of(new Listing("BTC", "BTC-USD")), Duration.ofSeconds(5))
                .join();

        assertThat(response.isFailure()).as("%s", response.failure()).isFalse();
        assertThat(response.quotes())
                .singleElement()
                .satisfies(q -> assertThat(q.price()).isEqualByComparingTo("6268.48"));
        assertThat(calls.get()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("waited out Retry-After: 1")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void shouldGiveUpAtOnceWhenRetryAfterEndsBeyondTheBudget() {
        throttled = 1;

        TickerResponse response = client().fetch(List.of(new Listing("BTC", "BTC-USD")), Duration.ofMillis(600))
                .join();

        assertThat(response.isFailure()).isTrue();
        assertThat(response.failure().kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void shouldRetryOnlyOnceWhenTheExchangeKeepsThrottling() {
        throttled = Integer.MAX_VALUE;

        TickerResponse response = client().fetch(List.of(new Listing("BTC", "BTC-USD")), Duration.ofSeconds(10))
                .join();

        assertThat(response.failure().kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void shouldCallAtHalfTheExchangesRateWhenGivenHalfItsLimit() {
        // Coinbase: 10 calls/s with a 10-call bucket; half of it is 5 at once, then 5 per second
        List<Listing> products = IntStream.range(0, 10)
                .mapToObj(i -> new Listing("A" + i, "A" + i + "-USD"))
                .toList();
        long started = System.nanoTime();

        TickerResponse response = client(ExchangeClientSettings.DEFAULT.with(Duration.ofSeconds(2), 0.5))
                .fetch(products, Duration.ofSeconds(5))
                .join();

        assertThat(response.isFailure()).as("%s", response.failure()).isFalse();
        assertThat(response.quotes()).hasSize(10);
        assertThat(calls.get()).isEqualTo(10);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("5 calls beyond the bucket at 5/s")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void shouldRefuseALimitShareOutsideZeroToOne() {
        Assertions.assertThatThrownBy(() -> ExchangeClientSettings.DEFAULT.with(Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        Assertions.assertThatThrownBy(() -> ExchangeClientSettings.DEFAULT.with(Duration.ofSeconds(1), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepTheRateLimitScaleThroughEveryCopyAndRefuseANonPositiveOne() {
        ExchangeClientSettings scaled = ExchangeClientSettings.DEFAULT.withRateLimitScale(10);
        assertThat(ExchangeClientSettings.DEFAULT.rateLimitScale()).isEqualTo(1);
        assertThat(scaled.with(Duration.ofSeconds(1), 0.5).rateLimitScale()).isEqualTo(10);
        assertThat(scaled.withMaxBodyBytes(1).rateLimitScale()).isEqualTo(10);
        assertThat(scaled.withUnlistedRecheck(Duration.ofMinutes(1)).rateLimitScale())
                .isEqualTo(10);
        Assertions.assertThatThrownBy(() -> ExchangeClientSettings.DEFAULT.withRateLimitScale(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ExchangeClient client() {
        return client(ExchangeClientSettings.DEFAULT);
    }

    private ExchangeClient client(ExchangeClientSettings settings) {
        return new ExchangeClient(
                new CoinbaseAdapter(),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                HttpClient.newHttpClient(),
                settings,
                Clock.systemUTC(),
                ExchangeListener.NONE,
                executor);
    }
}
