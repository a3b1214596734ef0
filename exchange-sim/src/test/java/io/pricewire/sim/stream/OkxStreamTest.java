package io.pricewire.sim.stream;

import static io.pricewire.sim.stream.StreamTesting.shape;
import static io.pricewire.sim.stream.StreamTesting.ws;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.sim.ExchangeSim;
import io.pricewire.sim.SimClient;
import io.pricewire.sim.SteppedSim;
import io.pricewire.sim.StreamSettings;
import io.pricewire.testkit.MutableClock;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OKX's public stream against its documented messages, its 30 s idle drop and request limit (shortened). */
class OkxStreamTest {
    /** The docs' tickers push. */
    private static final String DOC_PUSH = """
            {"arg":{"channel":"tickers","instId":"BTC-USDT"},"data":[{"instType":"SPOT","instId":"BTC-USDT",
             "last":"9999.99","lastSz":"0.1","askPx":"9999.99","askSz":"11","bidPx":"8888.88","bidSz":"5",
             "open24h":"9000","high24h":"10000","low24h":"8888.88","volCcy24h":"2222","vol24h":"2222",
             "sodUtc0":"2222","sodUtc8":"2222","ts":"1597026383085"}]}""";

    private static final Duration IDLE = Duration.ofMillis(600);

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00.123Z");
    private ExchangeSim sim;

    private void start(StreamSettings settings) throws IOException {
        sim = ExchangeSim.start(SteppedSim.at(clock).withStreams(settings));
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private WsClient open() {
        return WsClient.open(ws(sim, ExchangeId.OKX, "/ws/v5/public"));
    }

    @Test
    void shouldAckWithTheConnIdAndEchoTheIdThenPushTheDocumentedTicker() throws IOException {
        start(StreamSettings.DEFAULT);
        try (WsClient c = open();
                SimClient rest = new SimClient()) {
            c.send(
                    "{\"id\":\"1512\",\"op\":\"subscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"}]}");
            String ack = c.next();
            String connId = WsClient.json(ack).get("connId").asText();
            assertThat(connId).matches("[0-9a-f]{8}");
            assertThat(ack)
                    .isEqualTo("{\"id\":\"1512\",\"event\":\"subscribe\","
                            + "\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},"
                            + "\"connId\":\"" + connId + "\"}");
            JsonNode push = c.nextJson();
            assertThat(shape(push)).isEqualTo(shape(DOC_PUSH));
            assertThat(push.get("data").get(0).get("ts").asText()).isEqualTo(Long.toString(clock.millis()));
            JsonNode polled = rest.getJson(sim.baseUri(ExchangeId.OKX), "/api/v5/market/ticker?instId=BTC-USDT")
                    .get("data")
                    .get(0);
            assertThat(push.get("data").get(0).get("last").asText())
                    .isEqualTo(polled.get("last").asText());
            assertThat(push.get("data").get(0).get("bidPx").asText())
                    .isEqualTo(polled.get("bidPx").asText());

            sim.tick();
            assertThat(c.nextJson().get("arg").get("instId").asText()).isEqualTo("BTC-USDT");

            c.send("{\"op\":\"unsubscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"}]}");
            assertThat(c.next())
                    .isEqualTo("{\"event\":\"unsubscribe\",\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},"
                            + "\"connId\":\"" + connId + "\"}");
        }
    }

    @Test
    void shouldAnswerTheLiveErrorForAnInstrumentThatDoesNotExist() throws IOException {
        start(StreamSettings.DEFAULT);
        try (WsClient c = open()) {
            c.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"NMR-USDT\"}]}");
            String error = c.next();
            String connId = WsClient.json(error).get("connId").asText();
            assertThat(error)
                    .isEqualTo(
                            "{\"event\":\"error\",\"msg\":\"Wrong URL or channel:tickers,instId:NMR-USDT doesn't exist."
                                    + " Please use the correct URL, channel and parameters referring to API document.\",\"code\":\"60018\","
                                    + "\"connId\":\"" + connId + "\"}");
            c.send("{\"op\":\"login\",\"args\":[]}");
            assertThat(c.nextJson().get("code").asText()).isEqualTo("60019");
        }
    }

    @Test
    void shouldAnswerTextPingWithTextPong() throws IOException {
        start(StreamSettings.DEFAULT);
        try (WsClient c = open()) {
            c.send("ping");
            assertThat(c.next()).isEqualTo("pong");
        }
    }

    @Test
    void shouldDropAConnectionThatNeverSubscribes() throws IOException {
        start(StreamSettings.DEFAULT.withOkx(IDLE, 480));
        try (WsClient c = open()) {
            long opened = System.nanoTime();
            assertThat(c.awaitEnd(Duration.ofSeconds(5))).isEqualTo(4004);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(IDLE.minusMillis(50));
        }
    }

    @Test
    void shouldDropASubscribedConnectionWhenNothingWasPushedForTheIdleTime() throws IOException {
        start(StreamSettings.DEFAULT.withOkx(IDLE, 480));
        try (WsClient c = open()) {
            c.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"ETH-USDT\"}]}");
            c.next();
            c.next();
            long lastPush = System.nanoTime();
            // the market does not step: nothing more is pushed
            assertThat(c.awaitEnd(Duration.ofSeconds(5))).isEqualTo(4004);
            assertThat(Duration.ofNanos(System.nanoTime() - lastPush)).isGreaterThanOrEqualTo(IDLE.minusMillis(50));
        }
    }

    @Test
    void shouldKeepASubscribedConnectionThatPingsWhileNothingIsPushed() throws IOException {
        start(StreamSettings.DEFAULT.withOkx(IDLE, 480));
        try (WsClient c = open()) {
            c.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"ETH-USDT\"}]}");
            c.next();
            c.next();
            long start = System.nanoTime();
            // OKX's own recipe: ping when quiet; each pong keeps the connection alive
            while (System.nanoTime() - start < IDLE.multipliedBy(3).toNanos()) {
                c.send("ping");
                assertThat(c.next()).isEqualTo("pong");
            }
            assertThat(c.isOpen()).isTrue();
        }
    }

    @Test
    void shouldRefuseSubscribeRequestsBeyondTheHourlyLimit() throws IOException {
        start(StreamSettings.DEFAULT.withOkx(Duration.ofSeconds(30), 2));
        try (WsClient c = open()) {
            c.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},"
                    + "{\"channel\":\"tickers\",\"instId\":\"ETH-USDT\"}]}");
            c.send("{\"op\":\"unsubscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"ETH-USDT\"}]}");
            c.send("{\"id\":\"9\",\"op\":\"subscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"SOL-USDT\"}]}");
            JsonNode refused = c.nextJson(m -> m.contains("error"));
            assertThat(refused.get("id").asText()).isEqualTo("9");
            assertThat(refused.get("code").asText()).isEqualTo("60014");
            assertThat(refused.get("msg").asText()).isEqualTo("Requests too frequent.");
        }
    }
}
