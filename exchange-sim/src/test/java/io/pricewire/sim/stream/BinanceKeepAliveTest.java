package io.pricewire.sim.stream;

import static io.pricewire.sim.stream.StreamTesting.ws;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.sim.ExchangeSim;
import io.pricewire.sim.SimConfig;
import io.pricewire.sim.StreamSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Binance's ping frames, pong deadline, 24 h cut, message rate and stream cap, with the periods shortened. */
class BinanceKeepAliveTest {
    private static final Duration PING = Duration.ofMillis(200);
    private static final Duration PONG_TIMEOUT = Duration.ofMillis(500);
    private ExchangeSim sim;

    private int start(StreamSettings settings) throws IOException {
        sim = ExchangeSim.start(SimConfig.defaults()
                .withEphemeralPorts()
                .withTickInterval(Duration.ZERO)
                .withStreams(settings));
        return sim.baseUri(ExchangeId.BINANCE).getPort();
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    /** Pings every 200 ms, a pong due within 500 ms; enough message rate for the pongs. */
    private static StreamSettings fastPings() {
        return StreamSettings.DEFAULT.withBinancePing(PING, PONG_TIMEOUT).withBinanceLimits(1024, 50);
    }

    @Test
    void shouldKeepAConnectionThatEchoesEveryPingOpen() throws IOException {
        int port = start(fastPings());
        try (RawWsClient c = RawWsClient.connect(port, "/ws/0")) {
            long start = System.nanoTime();
            int pings = 0;
            // answer pings for well past the pong deadline
            while (System.nanoTime() - start < PONG_TIMEOUT.multipliedBy(3).toNanos()) {
                RawWsClient.Frame ping =
                        c.next(RawWsClient.PING, Duration.ofSeconds(5)).orElseThrow();
                assertThat(ping.text()).as("payload").isNotEmpty();
                c.send(RawWsClient.PONG, ping.payload());
                pings++;
            }
            assertThat(pings).isGreaterThanOrEqualTo(5);
            c.sendText("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}");
            assertThat(c.next(RawWsClient.TEXT, Duration.ofSeconds(5))
                            .orElseThrow()
                            .text())
                    .isEqualTo("{\"result\":[],\"id\":1}");
        }
    }

    @Test
    void shouldDropAConnectionWhosePongDoesNotEchoThePing() throws IOException {
        int port = start(fastPings());
        try (RawWsClient c = RawWsClient.connect(port, "/ws/0")) {
            c.next(RawWsClient.PING, Duration.ofSeconds(5)).orElseThrow();
            long firstPing = System.nanoTime();
            // an unsolicited pong is allowed but keeps nothing alive
            c.send(RawWsClient.PONG, "something else".getBytes(StandardCharsets.UTF_8));
            assertThat(c.awaitEnd(Duration.ofSeconds(5)))
                    .as("no close frame, just dropped")
                    .isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - firstPing))
                    .isGreaterThanOrEqualTo(PONG_TIMEOUT.minusMillis(50));
        }
    }

    @Test
    void shouldStayConnectedWithTheJdkClientWhichAnswersPingsByItself() throws IOException {
        start(fastPings());
        try (WsClient c = WsClient.open(ws(sim, ExchangeId.BINANCE, "/ws/0"))) {
            for (int i = 0; i < 5; i++) {
                c.nextPing();
            }
            c.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}");
            assertThat(c.next()).isEqualTo("{\"result\":[],\"id\":2}");
            assertThat(c.isOpen()).isTrue();
        }
    }

    @Test
    void shouldCloseAConnectionWhenItsMaximumAgeIsReached() throws IOException {
        int port = start(StreamSettings.DEFAULT.withBinanceConnectionMaxAge(Duration.ofMillis(300)));
        try (RawWsClient c = RawWsClient.connect(port, "/ws/btcusdt@miniTicker")) {
            long opened = System.nanoTime();
            Optional<RawWsClient.Frame> close = c.awaitEnd(Duration.ofSeconds(5));
            assertThat(close).hasValueSatisfying(f -> assertThat(f.closeCode()).isEqualTo(1000));
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void shouldDropAConnectionThatSendsMoreThanFiveMessagesASecond() throws IOException {
        int port = start(StreamSettings.DEFAULT);
        try (RawWsClient c = RawWsClient.connect(port, "/ws/0")) {
            c.sendText("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":0}");
            assertThat(c.next(RawWsClient.TEXT, Duration.ofSeconds(5))
                            .orElseThrow()
                            .text())
                    .isEqualTo("{\"result\":[],\"id\":0}");
            // eleven in a burst: whichever second boundary falls inside it, six land in one second
            for (int i = 1; i <= 11; i++) {
                c.sendText("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}");
            }
            assertThat(c.awaitEnd(Duration.ofSeconds(5)))
                    .as("dropped without a close frame")
                    .isEmpty();
        }
    }

    @Test
    void shouldRefuseASubscriptionBeyondTheStreamCap() throws IOException {
        start(StreamSettings.DEFAULT.withBinanceLimits(3, 5));
        try (WsClient c = WsClient.open(ws(sim, ExchangeId.BINANCE, "/ws/0"))) {
            c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@ticker\",\"ethusdt@ticker\"],\"id\":1}");
            assertThat(c.next()).isEqualTo("{\"result\":null,\"id\":1}");
            c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"solusdt@ticker\",\"xrpusdt@ticker\"],\"id\":2}");
            assertThat(c.next())
                    .isEqualTo("{\"error\":{\"code\":2,\"msg\":\"Invalid request: too many parameters\"},\"id\":2}");
            c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"solusdt@ticker\",\"btcusdt@ticker\"],\"id\":3}");
            assertThat(c.next()).isEqualTo("{\"result\":null,\"id\":3}");
            c.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":4}");
            assertThat(c.next())
                    .isEqualTo("{\"result\":[\"btcusdt@ticker\",\"ethusdt@ticker\",\"solusdt@ticker\"],\"id\":4}");
        }
    }
}
