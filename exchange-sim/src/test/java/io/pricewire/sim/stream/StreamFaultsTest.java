package io.pricewire.sim.stream;

import static io.pricewire.sim.stream.StreamTesting.streamPath;
import static io.pricewire.sim.stream.StreamTesting.ws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.sim.Fault;
import io.pricewire.sim.FaultMode;
import io.pricewire.sim.SimClient;
import io.pricewire.sim.SteppedSimTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every fault on every stream: down, stale, outlier, garbage, the new silent, and what the handshake meets. */
class StreamFaultsTest extends SteppedSimTest {

    StreamFaultsTest() {
        super("2026-03-01T12:00:00.250Z", c -> c.withRateLimitsEnforced(false));
    }

    /** A connection subscribed to BTC's ticker, with the acks and the first ticker (where one is sent) read. */
    private WsClient subscribedToBtc(ExchangeId e) {
        WsClient c = WsClient.open(ws(sim, e, streamPath(e)));
        switch (e) {
            case BINANCE -> {
                c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@miniTicker\"],\"id\":1}");
                c.next();
            }
            case COINBASE -> {
                c.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"ticker\"]}");
                c.next();
                c.next();
            }
            case KRAKEN -> {
                c.next();
                c.send(
                        "{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"BTC/USD\"],\"snapshot\":false}}");
                c.next();
            }
            case OKX -> {
                c.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"}]}");
                c.next();
                c.next();
            }
        }
        return c;
    }

    private static boolean isData(ExchangeId e, String message) {
        return switch (e) {
            case BINANCE -> message.contains("\"24hrMiniTicker\"");
            case COINBASE -> message.contains("\"type\":\"ticker\"");
            case KRAKEN -> message.contains("\"channel\":\"ticker\"");
            case OKX -> message.startsWith("{\"arg\"");
        };
    }

    /** BTC's last price in a ticker message. */
    private static double price(ExchangeId e, String message) {
        JsonNode m = WsClient.json(message);
        return switch (e) {
            case BINANCE -> m.get("c").asDouble();
            case COINBASE -> m.get("price").asDouble();
            case KRAKEN -> m.get("data").get(0).get("last").asDouble();
            case OKX -> m.get("data").get(0).get("last").asDouble();
        };
    }

    /** BTC's last price from the REST ticker at this moment. */
    private double restPrice(ExchangeId e) {
        try (SimClient rest = new SimClient()) {
            return switch (e) {
                case BINANCE ->
                    rest.getJson(sim.baseUri(e), "/api/v3/ticker/24hr?symbol=BTCUSDT")
                            .get("lastPrice")
                            .asDouble();
                case COINBASE ->
                    rest.getJson(sim.baseUri(e), "/products/BTC-USD/ticker")
                            .get("price")
                            .asDouble();
                case KRAKEN ->
                    rest.getJson(sim.baseUri(e), "/0/public/Ticker?pair=XBTUSD")
                            .get("result")
                            .get("XXBTZUSD")
                            .get("c")
                            .get(0)
                            .asDouble();
                case OKX ->
                    rest.getJson(sim.baseUri(e), "/api/v5/market/ticker?instId=BTC-USDT")
                            .get("data")
                            .get(0)
                            .get("last")
                            .asDouble();
            };
        }
    }

    /** The event time of a ticker message, in epoch ms. */
    private static long eventTime(ExchangeId e, String message) {
        JsonNode m = WsClient.json(message);
        return switch (e) {
            case BINANCE -> m.get("E").asLong();
            case COINBASE -> Instant.parse(m.get("time").asText()).toEpochMilli();
            case KRAKEN ->
                Instant.parse(m.get("data").get(0).get("timestamp").asText()).toEpochMilli();
            case OKX -> Long.parseLong(m.get("data").get(0).get("ts").asText());
        };
    }

    /**
     * A keep-alive round trip the way each exchange does it (protocol ping for Binance and Coinbase, Kraken's
     * ping method, OKX's text ping); the messages that arrived before its answer.
     */
    private static List<String> roundTrip(ExchangeId e, WsClient c) {
        switch (e) {
            case BINANCE, COINBASE -> {
                assertThat(c.pingPong("are you there")).isEqualTo("are you there");
                return c.drain();
            }
            case KRAKEN -> {
                c.send("{\"method\":\"ping\",\"req_id\":7}");
                List<String> before = new ArrayList<>();
                String m;
                while (!(m = c.next()).contains("\"pong\"")) {
                    before.add(m);
                }
                return before;
            }
            default -> {
                c.send("ping");
                List<String> before = new ArrayList<>();
                String m;
                while (!(m = c.next()).equals("pong")) {
                    before.add(m);
                }
                return before;
            }
        }
    }

    /** What subscribes to BTC's ticker on each exchange. */
    private static String subscribeBtc(ExchangeId e) {
        return switch (e) {
            case BINANCE -> "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@miniTicker\"],\"id\":1}";
            case COINBASE -> "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"ticker\"]}";
            case KRAKEN -> "{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"BTC/USD\"]}}";
            case OKX -> "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"}]}";
        };
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldDropEveryStreamAndRefuseNewOnesWhenDownThenServeAgainWhenCleared(ExchangeId e) throws Exception {
        // a bare socket sees the drop for certain (the JDK client did not always report a peer's TCP close)
        try (RawWsClient c = RawWsClient.connect(sim.baseUri(e).getPort(), streamPath(e))) {
            c.sendText(subscribeBtc(e));
            c.next(RawWsClient.TEXT, Duration.ofSeconds(5)).orElseThrow();
            sim.setFault(e, Fault.down());
            assertThat(c.awaitEnd(Duration.ofSeconds(5)))
                    .as("dropped, no close frame")
                    .isEmpty();
        }
        assertThatThrownBy(() -> WsClient.connect(ws(sim, e, streamPath(e))))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ConnectException.class);
        sim.clearFault(e);
        try (WsClient c = subscribedToBtc(e)) {
            sim.tick();
            assertThat(isData(e, c.next(m -> isData(e, m)))).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldFreezePricesAndBackdateEventTimesWhenStale(ExchangeId e) {
        try (WsClient c = subscribedToBtc(e)) {
            Instant setAt = clock.instant();
            sim.setFault(e, Fault.of(FaultMode.STALE));
            sim.tick();
            String first = c.next(m -> isData(e, m));
            clock.advance(Duration.ofSeconds(1));
            sim.tick();
            String later = c.next(m -> isData(e, m));
            assertThat(price(e, later)).isEqualTo(price(e, first));
            assertThat(eventTime(e, later))
                    .isEqualTo(setAt.minus(Duration.ofMinutes(10)).toEpochMilli());
            assertThat(price(e, later)).as("REST is frozen alike").isEqualTo(restPrice(e));

            sim.clearFault(e);
            sim.tick();
            assertThat(price(e, c.next(m -> isData(e, m)))).isNotEqualTo(price(e, first));
        }
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldMultiplyStreamedPricesLikeRestWhenOutlier(ExchangeId e) {
        try (WsClient c = subscribedToBtc(e)) {
            sim.tick();
            double normal = price(e, c.next(m -> isData(e, m)));
            sim.setFault(e, Fault.outlier(10));
            sim.tick();
            String message = c.next(m -> isData(e, m));
            assertThat(price(e, message)).isCloseTo(normal * 10, within(normal * 10 * 0.01));
            assertThat(price(e, message)).isEqualTo(restPrice(e));
        }
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldCutEveryJsonMessageInHalfWhenGarbage(ExchangeId e) {
        try (WsClient c = subscribedToBtc(e)) {
            sim.setFault(e, Fault.garbage());
            sim.tick();
            String cut = c.next();
            assertThat(cut).isNotEmpty();
            assertThatThrownBy(() -> new ObjectMapper().readTree(cut)).isInstanceOf(IOException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldStayConnectedAndAnswerPingsButSendNoDataWhenSilent(ExchangeId e) {
        try (WsClient c = subscribedToBtc(e)) {
            sim.setFault(e, Fault.silent());
            sim.tick();
            sim.tick();
            // two round trips: any tick's data would be queued before the second answer
            List<String> received = new ArrayList<>(roundTrip(e, c));
            received.addAll(roundTrip(e, c));
            assertThat(received).noneMatch(m -> isData(e, m));
            assertThat(c.isOpen()).isTrue();

            sim.clearFault(e);
            sim.tick();
            assertThat(isData(e, c.next(m -> isData(e, m)))).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldAcceptNewStreamsAndAckSubscriptionsWhenSilent(ExchangeId e) {
        sim.setFault(e, Fault.silent());
        // subscribedToBtc reads the acks; the first ticker it would read is data, so read only what is an answer
        WsClient c = WsClient.open(ws(sim, e, streamPath(e)));
        try (c) {
            switch (e) {
                case BINANCE -> {
                    c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@miniTicker\"],\"id\":1}");
                    assertThat(c.next()).isEqualTo("{\"result\":null,\"id\":1}");
                }
                case COINBASE -> {
                    c.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"ticker\"]}");
                    assertThat(c.nextJson().get("type").asText()).isEqualTo("subscriptions");
                }
                case KRAKEN -> {
                    c.next();
                    c.send("{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"BTC/USD\"]}}");
                    assertThat(c.nextJson().get("success").asBoolean()).isTrue();
                }
                case OKX -> {
                    c.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"}]}");
                    assertThat(c.nextJson().get("event").asText()).isEqualTo("subscribe");
                }
            }
            sim.tick();
            assertThat(roundTrip(e, c)).noneMatch(m -> isData(e, m));
            assertThat(roundTrip(e, c)).noneMatch(m -> isData(e, m));
        }
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldLeaveRestRequestsUnansweredWhenSilent(ExchangeId e) {
        sim.setFault(e, Fault.silent());
        try (HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(sim.baseUri(e).resolve("/"))
                    .timeout(Duration.ofMillis(300))
                    .build();
            assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
        }
        assertThat(sim.requestCount(e)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldRefuseTheHandshakeWithTheRestServerErrorWhenError(ExchangeId e) {
        sim.setFault(e, Fault.error());
        assertThatThrownBy(() -> WsClient.connect(ws(sim, e, streamPath(e))))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        h -> assertThat(h.getResponse().statusCode()).isGreaterThanOrEqualTo(500));
    }

    @Test
    void shouldRefuseTheHandshakeWith429WhenRatelimitAndDelayItWhenSlow() {
        sim.setFault(ExchangeId.BINANCE, Fault.rateLimit());
        assertThatThrownBy(() -> WsClient.connect(ws(sim, ExchangeId.BINANCE, "/ws")))
                .cause()
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        h -> assertThat(h.getResponse().statusCode()).isEqualTo(429));
        sim.setFault(ExchangeId.BINANCE, Fault.slow(Duration.ofMillis(300)));
        long start = System.nanoTime();
        try (WsClient c = WsClient.open(ws(sim, ExchangeId.BINANCE, "/ws"))) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(c.isOpen()).isTrue();
        }
    }
}
