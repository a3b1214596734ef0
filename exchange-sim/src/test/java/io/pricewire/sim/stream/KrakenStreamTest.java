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
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kraken's v2 stream against its documented messages; the market steps by hand and the clock stands still. */
class KrakenStreamTest {
    private static final String DOC_STATUS = """
            {"channel":"status","type":"update","data":[{"version":"2.0.10","system":"online","api_version":"v2",\
            "connection_id":18125794168470749634}]}""";
    /** The docs' snapshot (nautilus_trader fixture). */
    private static final String DOC_SNAPSHOT = """
            {"channel":"ticker","type":"snapshot","data":[{"symbol":"BTC/USD","bid":105944.20,"bid_qty":2.5,
             "ask":105944.30,"ask_qty":3.2,"last":105899.40,"volume":163.28908096,"vwap":105904.39279,"low":104711.00,
             "high":106613.10,"change":250.00,"change_pct":0.24,"timestamp":"2022-12-25T09:30:59.123456Z"}]}""";
    /** A live update with its timestamp (2026 capture). */
    private static final String LIVE_UPDATE = """
            {"channel":"ticker","type":"update","data":[{"symbol":"BTC/USD","bid":60108.6,"bid_qty":2.84311954,\
            "ask":60108.7,"ask_qty":0.00138853,"last":60108.7,"volume":4473.99704028,"vwap":59460.1,"low":58033,\
            "high":61858.8,"change":100,"change_pct":0.17,"timestamp":"2026-06-26T06:41:22.476797Z"}]}""";

    private static final String TIMES =
            "\"time_in\":\"2026-03-01T12:00:00.123000Z\",\"time_out\":\"2026-03-01T12:00:00.123021Z\"";

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00.123Z");
    private ExchangeSim sim;

    @BeforeEach
    void start() throws IOException {
        sim = ExchangeSim.start(
                SteppedSim.at(clock).withStreams(StreamSettings.DEFAULT.withHeartbeatInterval(Duration.ofMillis(100))));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** A connection past its status banner. */
    private WsClient open() {
        WsClient c = WsClient.open(ws(sim, ExchangeId.KRAKEN, "/v2"));
        JsonNode status = c.nextJson();
        assertThat(shape(status)).isEqualTo(shape(DOC_STATUS));
        // an unsigned 64-bit id: more than a Java long holds, as on Kraken
        assertThat(status.get("data").get(0).get("connection_id").bigIntegerValue())
                .isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
        return c;
    }

    @Test
    void shouldAckEachSymbolThenSendItsSnapshotAsTheDocsShowThem() {
        try (WsClient c = open();
                SimClient rest = new SimClient()) {
            c.send(
                    "{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"BTC/USD\"]},\"req_id\":1}");
            assertThat(c.next())
                    .isEqualTo("{\"method\":\"subscribe\",\"result\":{\"channel\":\"ticker\",\"symbol\":\"BTC/USD\","
                            + "\"snapshot\":true},\"success\":true," + TIMES + ",\"req_id\":1}");
            String snapshot = c.next();
            assertThat(shape(snapshot)).isEqualTo(shape(DOC_SNAPSHOT));
            // JSON numbers, never strings
            assertThat(snapshot).containsPattern("\"last\":\\d+\\.\\d+,");
            JsonNode data = WsClient.json(snapshot).get("data").get(0);
            JsonNode polled = rest.getJson(sim.baseUri(ExchangeId.KRAKEN), "/0/public/Ticker?pair=XBTUSD")
                    .get("result")
                    .get("XXBTZUSD");
            assertThat(data.get("last").decimalValue())
                    .isEqualByComparingTo(polled.get("c").get(0).asText());
            assertThat(data.get("bid").decimalValue())
                    .isEqualByComparingTo(polled.get("b").get(0).asText());

            sim.tick();
            String update = c.next(m -> m.contains("\"update\""));
            assertThat(shape(update)).isEqualTo(shape(LIVE_UPDATE));
            assertThat(WsClient.json(update).get("type").asText()).isEqualTo("update");
        }
    }

    @Test
    void shouldRefuseAV1NameOrUnknownPairWithTheRealError() {
        try (WsClient c = open()) {
            c.send("{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"XBT/USD\"]}}");
            assertThat(c.next())
                    .isEqualTo("{\"error\":\"Currency pair not supported XBT/USD\",\"method\":\"subscribe\","
                            + "\"success\":false,\"symbol\":\"XBT/USD\"," + TIMES + "}");
        }
    }

    @Test
    void shouldSkipTheSnapshotWhenAskedAndAckAnUnsubscribe() {
        try (WsClient c = open()) {
            c.send("{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"ETH/USD\"],"
                    + "\"snapshot\":false},\"req_id\":5}");
            assertThat(c.nextJson().get("result").get("snapshot").asBoolean()).isFalse();
            c.send(
                    "{\"method\":\"unsubscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"ETH/USD\"]},\"req_id\":6}");
            assertThat(c.next(m -> m.contains("unsubscribe")))
                    .isEqualTo("{\"method\":\"unsubscribe\","
                            + "\"result\":{\"channel\":\"ticker\",\"symbol\":\"ETH/USD\"},"
                            + "\"success\":true," + TIMES + ",\"req_id\":6}");
        }
    }

    @Test
    void shouldAnswerThePingWithTheDocumentedPong() {
        try (WsClient c = open()) {
            c.send("{\"method\":\"ping\",\"req_id\":42}");
            assertThat(c.next()).isEqualTo("{\"method\":\"pong\",\"req_id\":42," + TIMES + "}");
            // ccxt pings without req_id
            c.send("{\"method\":\"ping\"}");
            assertThat(c.next()).isEqualTo("{\"method\":\"pong\"," + TIMES + "}");
        }
    }

    @Test
    void shouldSendHeartbeatsOnceSubscribedWhileNothingElseIsSent() {
        try (WsClient c = open()) {
            c.send("{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"SOL/USD\"]}}");
            c.next();
            c.next();
            // no market step: the seconds are empty, so heartbeats fill them
            assertThat(c.next()).isEqualTo("{\"channel\":\"heartbeat\"}");
            assertThat(c.next()).isEqualTo("{\"channel\":\"heartbeat\"}");
        }
    }

    @Test
    void shouldSendOneSymbolPerMessage() {
        try (WsClient c = open()) {
            c.send("{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"BTC/USD\",\"ETH/USD\"],"
                    + "\"snapshot\":false}}");
            c.next();
            c.next();
            sim.tick();
            JsonNode first = c.nextJson(m -> m.contains("\"update\""));
            JsonNode second = c.nextJson(m -> m.contains("\"update\""));
            assertThat(first.get("data")).hasSize(1);
            assertThat(second.get("data")).hasSize(1);
            assertThat(first.get("data").get(0).get("symbol").asText()).isEqualTo("BTC/USD");
            assertThat(second.get("data").get(0).get("symbol").asText()).isEqualTo("ETH/USD");
        }
    }
}
