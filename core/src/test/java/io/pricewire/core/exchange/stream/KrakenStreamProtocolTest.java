package io.pricewire.core.exchange.stream;

import static io.pricewire.core.exchange.stream.StreamSamples.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.stream.StreamMessage.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Kraken Spot WebSocket v2 examples verbatim from docs/reference exchange-streams.md §3. */
class KrakenStreamProtocolTest {

    private static final Listing BTC = new Listing("BTC", "XBTUSD", "XXBTZUSD");

    private final StreamProtocol protocol = StreamProtocols.of(ExchangeId.KRAKEN);

    @Test
    void shouldNameListingsWithIsoCodesNeverXbt() {
        assertThat(protocol.streamName(BTC)).isEqualTo("BTC/USD");
        assertThat(protocol.streamName(new Listing("DOGE", "XDGUSD"))).isEqualTo("DOGE/USD");
        assertThat(protocol.streamName(new Listing("USDT", "USDTUSD", "USDTZUSD")))
                .isEqualTo("USDT/USD");
        assertThat(protocol.streamName(new Listing("ETH", "ETHUSDC"))).isEqualTo("ETH/USDC");
        assertThat(protocol.streamName(new Listing("BTC", "XBTEUR", "XXBTZEUR")))
                .isEqualTo("BTC/EUR");
    }

    @Test
    void shouldSubscribeAsDocumentedWithAFixedReqIdPerMethod() {
        assertThat(protocol.subscribe(List.of(BTC, BTC)))
                .containsExactly(
                        "{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"BTC/USD\"]},\"req_id\":1}");
        assertThat(protocol.unsubscribe(List.of(BTC)))
                .containsExactly(
                        "{\"method\":\"unsubscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"BTC/USD\"]},\"req_id\":2}");
        assertThat(protocol.subscribe(List.of())).isEmpty();
        assertThat(protocol.onConnect()).isEmpty();
        assertThat(protocol.ping()).contains("{\"method\":\"ping\"}");
        assertThat(protocol.path()).isEqualTo("/v2");
    }

    @Test
    void shouldSplitLargeSubscriptionsIntoMessagesOfAHundredSymbols() {
        List<String> messages = protocol.subscribe(StreamSamples.listings(201, "X", "USD"));

        assertThat(messages).hasSize(3);
        assertThat(messages.get(0)).contains("[\"C0/USD\",").contains("\"C99/USD\"]");
        assertThat(messages.get(1)).contains("[\"C100/USD\",").contains("\"C199/USD\"]");
        assertThat(messages.get(2)).contains("[\"C200/USD\"]");
    }

    @Test
    void shouldReadDocumentedSnapshotKeepingTheNumbersScale() {
        String doc = """
                {
                  "channel": "ticker",
                  "type": "snapshot",
                  "data": [
                    {
                      "symbol": "BTC/USD",
                      "bid": 105944.20,
                      "bid_qty": 2.5,
                      "ask": 105944.30,
                      "ask_qty": 3.2,
                      "last": 105899.40,
                      "volume": 163.28908096,
                      "vwap": 105904.39279,
                      "low": 104711.00,
                      "high": 106613.10,
                      "change": 250.00,
                      "change_pct": 0.24,
                      "timestamp": "2022-12-25T09:30:59.123456Z"
                    }
                  ]
                }
                """;

        StreamTick tick = protocol.parse(doc, RECEIVED).ticks().get(0);

        assertThat(tick)
                .isEqualTo(new StreamTick(
                        "BTC/USD",
                        new BigDecimal("105899.40"),
                        Instant.parse("2022-12-25T09:30:59.123456Z"),
                        new BigDecimal("163.28908096")));
        assertThat(tick.price().scale()).isEqualTo(2);
    }

    @Test
    void shouldStampLiveUpdateWithoutTimestampWithReceiveTime() {
        String live = """
                {"channel":"ticker","type":"update","data":[{"symbol":"BTC/USD","bid":115112.9,"bid_qty":0.12760955,"ask":115113.0,"ask_qty":7.10992311,"last":115113.0,"volume":869.96254971,"vwap":115905.6,"low":114551.1,"high":117354.0,"change":-2230.0,"change_pct":-1.90}]}""";

        assertThat(protocol.parse(live, RECEIVED).ticks())
                .containsExactly(new StreamTick(
                        "BTC/USD", new BigDecimal("115113.0"), RECEIVED, new BigDecimal("869.96254971")));
    }

    @Test
    void shouldReadLiveUpdateWithTimestamp() {
        String live = """
                {"channel":"ticker","type":"update","data":[{"symbol":"BTC/USD","bid":60108.6,"bid_qty":2.84311954,"ask":60108.7,"ask_qty":0.00138853,"last":60108.7,"volume":4473.99704028,"vwap":59460.1,"low":58033,"high":61858.8,"change":100,"change_pct":0.17,"timestamp":"2026-06-26T06:41:22.476797Z"}]}""";

        assertThat(protocol.parse(live, RECEIVED).ticks())
                .containsExactly(new StreamTick(
                        "BTC/USD",
                        new BigDecimal("60108.7"),
                        Instant.parse("2026-06-26T06:41:22.476797Z"),
                        new BigDecimal("4473.99704028")));
        assertThat(protocol.parse(live, Instant.parse("2026-06-26T06:41:22Z"))
                        .ticks()
                        .get(0)
                        .eventTime())
                .isEqualTo(Instant.parse("2026-06-26T06:41:22Z"));
    }

    @Test
    void shouldTakeOnlineBannerAsAckThoughItsConnectionIdOverflowsLong() {
        String banner = """
                {"channel":"status","type":"update","data":[{"version":"2.0.10","system":"online","api_version":"v2","connection_id":18125794168470749634}]}""";

        assertThat(protocol.parse(banner, RECEIVED)).isEqualTo(StreamMessage.ack());
    }

    @Test
    void shouldReconnectWhenTheSystemIsNotOnline() {
        String maintenance = "{\"channel\":\"status\",\"type\":\"update\",\"data\":[{\"version\":\"2.0.10\","
                + "\"system\":\"maintenance\",\"api_version\":\"v2\",\"connection_id\":18125794168470749634}]}";

        StreamMessage message = protocol.parse(maintenance, RECEIVED);

        assertThat(message.kind()).isEqualTo(Kind.RECONNECT);
        assertThat(message.detail()).contains("maintenance");
    }

    @Test
    void shouldTakeDocumentedAcksHeartbeatAndPong() {
        String ack = """
                {
                  "method": "subscribe",
                  "result": { "channel": "ticker", "symbol": "BTC/USD", "snapshot": true },
                  "success": true,
                  "time_in": "2023-09-25T09:04:31.742599Z",
                  "time_out": "2023-09-25T09:04:31.742648Z",
                  "req_id": 1
                }
                """;
        String unsubscribed =
                "{\"method\":\"unsubscribe\",\"result\":{\"channel\":\"ticker\",\"symbol\":\"BTC/USD\"},\"success\":true}";
        String pong = "{\"method\":\"pong\",\"req_id\":42,\"time_in\":\"2023-09-25T09:05:00.123456Z\","
                + "\"time_out\":\"2023-09-25T09:05:00.123500Z\"}";

        assertThat(protocol.parse(ack, RECEIVED)).isEqualTo(StreamMessage.ack());
        assertThat(protocol.parse(unsubscribed, RECEIVED)).isEqualTo(StreamMessage.ack());
        assertThat(protocol.parse("{\"channel\":\"heartbeat\"}", RECEIVED)).isEqualTo(StreamMessage.heartbeat());
        assertThat(protocol.parse(pong, RECEIVED)).isEqualTo(StreamMessage.pong());
    }

    @Test
    void shouldReportUnknownSymbolsAndRateLimitAsErrors() {
        String unknown =
                "{\"error\":\"Currency pair not supported XBT/USD\",\"method\":\"subscribe\",\"success\":false,"
                        + "\"symbol\":\"XBT/USD\",\"time_in\":\"2026-09-25T17:48:54.701041Z\",\"time_out\":\"2026-09-25T17:48:54.701062Z\"}";
        String v1Name =
                "{\"error\":\"Currency pair not supported XBT/EUR\",\"method\":\"subscribe\",\"success\":false,\"symbol\":\"XBT/EUR\"}";

        assertThat(protocol.parse(unknown, RECEIVED))
                .isEqualTo(StreamMessage.error("Currency pair not supported XBT/USD"));
        assertThat(protocol.parse(v1Name, RECEIVED))
                .isEqualTo(StreamMessage.error("Currency pair not supported XBT/EUR"));
        assertThat(protocol.parse("{\"Error\": \"Exceeded msg rate\"}", RECEIVED))
                .isEqualTo(StreamMessage.error("Exceeded msg rate"));
    }

    @Test
    void shouldDropUnreadableTickersAndIgnoreOtherChannels() {
        String mixed = "{\"channel\":\"ticker\",\"type\":\"update\",\"data\":["
                + "{\"symbol\":\"A/USD\",\"last\":-1},"
                + "{\"symbol\":\"B/USD\",\"last\":1e999999999},"
                + "{\"symbol\":\"C/USD\",\"last\":2,\"timestamp\":1672515782},"
                + "{\"symbol\":\"D/USD\",\"last\":\"NaN\"},"
                + "{\"last\":2},"
                + "{\"symbol\":\"OK/USD\",\"last\":2.50,\"volume\":\"x\"}]}";

        assertThat(protocol.parse(mixed, RECEIVED).ticks())
                .containsExactly(new StreamTick("OK/USD", new BigDecimal("2.50"), RECEIVED, null));
        assertThat(protocol.parse("{\"channel\":\"book\",\"type\":\"update\",\"data\":[]}", RECEIVED)
                        .kind())
                .isEqualTo(Kind.IGNORED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"channel\":\"ticker\",\"type\":\"update\",\"data\":{\"symbol\":\"BTC/USD\",\"last\":1}}",
                "{\"channel\":\"ticker\",\"type\":\"update\",\"data\":[]}",
                "{\"channel\":\"ticker\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"last\":0}]}",
                "{\"channel\":\"ticker\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"last\":1,\"timestamp\":\"soon\"}]}",
                "{\"channel\":\"status\",\"type\":\"update\",\"data\":[{\"version\":\"2.0.10\"}]}",
                "{\"channel\":\"status\",\"type\":\"update\"}",
                "{\"method\":\"subscribe\",\"result\":{\"channel\":\"ticker\"}}",
                "{\"channel\":\"ticker\",\"type\":\"snapshot\",\"data\":[{\"symbol\":\"BTC/USD\",\"last\":105899.4"
            })
    void shouldCallUnreadableMessagesMalformed(String text) {
        assertThat(protocol.parse(text, RECEIVED).kind()).isEqualTo(Kind.MALFORMED);
    }

    @Test
    void shouldReadWhatTheSimulatorWrites() {
        // KrakenStream: banner with a connection id of 2^63 or more, per-symbol ack (times, then req_id), snapshot
        String banner =
                "{\"channel\":\"status\",\"type\":\"update\",\"data\":[{\"version\":\"2.0.10\",\"system\":\"online\","
                        + "\"api_version\":\"v2\",\"connection_id\":9300000000000000001}]}";
        String ack =
                "{\"method\":\"subscribe\",\"result\":{\"channel\":\"ticker\",\"symbol\":\"BTC/USD\",\"snapshot\":true},"
                        + "\"success\":true,\"time_in\":\"2026-01-01T12:00:00.000000Z\",\"time_out\":\"2026-01-01T12:00:00.000021Z\","
                        + "\"req_id\":1}";
        String snapshot =
                "{\"channel\":\"ticker\",\"type\":\"snapshot\",\"data\":[{\"symbol\":\"BTC/USD\",\"bid\":95012.3,"
                        + "\"bid_qty\":0.5,\"ask\":95012.4,\"ask_qty\":0.7,\"last\":95012.34,\"volume\":1234.567,\"vwap\":95000,"
                        + "\"low\":93000,\"high\":96000,\"change\":1012.34,\"change_pct\":1.08,"
                        + "\"timestamp\":\"2026-01-01T12:00:00.000217Z\"}]}";

        assertThat(protocol.parse(banner, RECEIVED).kind()).isEqualTo(Kind.ACK);
        assertThat(protocol.parse(ack, RECEIVED).kind()).isEqualTo(Kind.ACK);
        assertThat(protocol.parse(snapshot, RECEIVED).ticks())
                .containsExactly(new StreamTick(
                        "BTC/USD",
                        new BigDecimal("95012.34"),
                        Instant.parse("2026-01-01T12:00:00.000217Z"),
                        new BigDecimal("1234.567")));
    }

    @Test
    void shouldNeverThrowOnHostileInput() {
        StreamSamples.hostile().forEach(text -> StreamSamples.assertNoTicks(protocol.parse(text, RECEIVED)));
    }
}
