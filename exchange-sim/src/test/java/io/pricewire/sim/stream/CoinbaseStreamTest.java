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
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Coinbase Exchange feed against its documented messages; the market steps by hand. */
class CoinbaseStreamTest {
    /** The docs' ticker example (17 fields). */
    private static final String DOC_TICKER = """
            {"type":"ticker","sequence":37475248783,"product_id":"ETH-USD","price":"1285.22","open_24h":"1310.79",
             "volume_24h":"245532.79269678","low_24h":"1280.52","high_24h":"1313.8","volume_30d":"9788783.60117027",
             "best_bid":"1285.04","best_bid_size":"0.46688654","best_ask":"1285.27","best_ask_size":"1.56637040",
             "side":"buy","time":"2022-10-19T23:28:22.061769Z","trade_id":370843401,"last_size":"11.4396987"}""";

    private static final String DOC_HEARTBEAT = """
            { "type": "heartbeat", "sequence": 90, "last_trade_id": 20, "product_id": "BTC-USD",
              "time": "2014-11-07T08:19:28.464459Z" }""";
    private static final Duration DEADLINE = Duration.ofMillis(400);
    private static final Duration HEARTBEAT = Duration.ofMillis(100);

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00.123Z");
    private ExchangeSim sim;

    @BeforeEach
    void start() throws IOException {
        sim = ExchangeSim.start(SteppedSim.at(clock)
                .withStreams(StreamSettings.DEFAULT
                        .withCoinbaseSubscribeDeadline(DEADLINE)
                        .withHeartbeatInterval(HEARTBEAT)));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private WsClient open() {
        return WsClient.open(ws(sim, ExchangeId.COINBASE, "/"));
    }

    @Test
    void shouldListEverySubscriptionInTheDocumentedFormAcceptingBothChannelForms() {
        try (WsClient c = open()) {
            // the docs' request, with products the sim lists (it serves ticker and heartbeat)
            c.send("""
                    {"type":"subscribe","product_ids":["ETH-USD","SOL-USD"],
                     "channels":["heartbeat",{"name":"ticker","product_ids":["BTC-USD","ETH-USD"]}]}""");
            assertThat(c.next())
                    .isEqualTo("{\"type\":\"subscriptions\",\"channels\":["
                            + "{\"name\":\"heartbeat\",\"product_ids\":[\"ETH-USD\",\"SOL-USD\"]},"
                            + "{\"name\":\"ticker\",\"product_ids\":[\"ETH-USD\",\"SOL-USD\",\"BTC-USD\"]}]}");
            c.send("{\"type\":\"unsubscribe\",\"channels\":[\"heartbeat\"]}");
            assertThat(c.next(m -> m.contains("subscriptions")))
                    .isEqualTo("{\"type\":\"subscriptions\",\"channels\":["
                            + "{\"name\":\"ticker\",\"product_ids\":[\"ETH-USD\",\"SOL-USD\",\"BTC-USD\"]}]}");
            c.send("{\"type\":\"unsubscribe\",\"product_ids\":[\"ETH-USD\",\"SOL-USD\"],\"channels\":[\"ticker\"]}");
            assertThat(c.next(m -> m.contains("subscriptions")))
                    .isEqualTo("{\"type\":\"subscriptions\",\"channels\":["
                            + "{\"name\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}]}");
        }
    }

    @Test
    void shouldRefuseAnUnknownProductWithTheRealErrorAndSubscribeNothing() {
        try (WsClient c = open()) {
            c.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"FOO-BAR\"],\"channels\":[\"ticker\"]}");
            assertThat(c.next())
                    .isEqualTo(
                            "{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"FOO-BAR is not a valid product\"}");
            c.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[]}");
            assertThat(c.next())
                    .isEqualTo(
                            "{\"message\":\"Failed to subscribe\",\"reason\":\"No channels provided\",\"type\":\"error\"}");
            c.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"ticker\"]}");
            assertThat(c.next())
                    .isEqualTo(
                            "{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}]}");
        }
    }

    @Test
    void shouldSendTheCurrentTickerOnSubscribeThenOnePerStepAgreeingWithRest() {
        try (WsClient c = open();
                SimClient rest = new SimClient()) {
            c.send("{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\"],\"channels\":[\"ticker\"]}");
            c.next();
            JsonNode first = c.nextJson();
            assertThat(shape(first)).isEqualTo(shape(DOC_TICKER));
            assertThat(first.get("product_id").asText()).isEqualTo("ETH-USD");
            JsonNode polled = rest.getJson(sim.baseUri(ExchangeId.COINBASE), "/products/ETH-USD/ticker");
            assertThat(first.get("price").asText())
                    .isEqualTo(polled.get("price").asText());
            assertThat(first.get("best_bid").asText())
                    .isEqualTo(polled.get("bid").asText());
            assertThat(Instant.parse(first.get("time").asText()).toEpochMilli()).isEqualTo(clock.millis());
            assertThat(first.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");

            clock.advance(Duration.ofMillis(500));
            sim.tick();
            JsonNode next = c.nextJson();
            assertThat(next.get("sequence").asLong())
                    .isGreaterThan(first.get("sequence").asLong());
            assertThat(next.get("price").asText())
                    .isEqualTo(rest.getJson(sim.baseUri(ExchangeId.COINBASE), "/products/ETH-USD/ticker")
                            .get("price")
                            .asText());
        }
    }

    @Test
    void shouldSendAHeartbeatPerProductEveryInterval() {
        try (WsClient c = open()) {
            c.send("{\"type\":\"subscribe\",\"channels\":[{\"name\":\"heartbeat\",\"product_ids\":[\"BTC-USD\"]}]}");
            c.next();
            JsonNode beat = c.nextJson(m -> m.contains("heartbeat"));
            assertThat(shape(beat)).isEqualTo(shape(DOC_HEARTBEAT));
            assertThat(beat.get("product_id").asText()).isEqualTo("BTC-USD");
            assertThat(c.nextJson(m -> m.contains("heartbeat"))
                            .get("product_id")
                            .asText())
                    .isEqualTo("BTC-USD");
        }
    }

    @Test
    void shouldDisconnectAClientThatDoesNotSubscribeWithinTheDeadline() {
        try (WsClient c = open()) {
            long opened = System.nanoTime();
            assertThat(c.awaitEnd(Duration.ofSeconds(5))).isEqualTo(1000);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(DEADLINE.minusMillis(50));
        }
    }

    @Test
    void shouldKeepAClientThatSubscribedInTimePastTheDeadline() {
        try (WsClient c = open()) {
            c.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"heartbeat\"]}");
            c.next();
            long subscribed = System.nanoTime();
            // heartbeats keep coming well after the deadline
            while (System.nanoTime() - subscribed < DEADLINE.multipliedBy(2).toNanos()) {
                c.next(m -> m.contains("heartbeat"));
            }
            assertThat(c.isOpen()).isTrue();
        }
    }

    @Test
    void shouldStillDisconnectWhenTheOnlySubscribeFailed() {
        try (WsClient c = open()) {
            c.send("{\"type\":\"subscribe\",\"product_ids\":[\"FOO-BAR\"],\"channels\":[\"ticker\"]}");
            assertThat(c.nextJson().get("type").asText()).isEqualTo("error");
            assertThat(c.awaitEnd(Duration.ofSeconds(5))).isEqualTo(1000);
        }
    }
}
