package io.pricewire.core.exchange.stream;

import static io.pricewire.core.exchange.stream.StreamSamples.RECEIVED;
import static io.pricewire.core.exchange.stream.StreamSamples.withoutComments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.stream.StreamMessage.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Binance examples verbatim from docs/reference exchange-streams.md §1. */
class BinanceStreamProtocolTest {

    private static final Listing BTC = new Listing("BTC", "BTCUSDT");

    private final StreamProtocol protocol = StreamProtocols.of(ExchangeId.BINANCE);

    @Test
    void shouldSubscribeEveryMiniTickerOnConnectAndNothingPerListing() {
        // §5.2, what ccxt's watchTickers() sends
        assertThat(protocol.onConnect())
                .containsExactly("{\"method\":\"SUBSCRIBE\",\"params\":[\"!miniTicker@arr\"],\"id\":1}");
        assertThat(protocol.subscribe(List.of(BTC))).isEmpty();
        assertThat(protocol.unsubscribe(List.of(BTC))).isEmpty();
        assertThat(protocol.ping()).isEmpty();
        assertThat(protocol.path()).isEqualTo("/stream");
        assertThat(protocol.streamName(BTC)).isEqualTo("BTCUSDT");
    }

    @Test
    void shouldReadDocumentedMiniTicker() {
        String doc = """
                {
                    "e": "24hrMiniTicker",     // Event type
                    "E": 1672515782136,        // Event time
                    "s": "BNBBTC",             // Symbol
                    "c": "0.0025",             // Close price
                    "o": "0.0010",             // Open price
                    "h": "0.0025",             // High price
                    "l": "0.0010",             // Low price
                    "v": "10000",              // Total traded base asset volume
                    "q": "18"                  // Total traded quote asset volume
                }
                """;

        assertThat(protocol.parse(withoutComments(doc), RECEIVED).ticks())
                .containsExactly(new StreamTick(
                        "BNBBTC",
                        new BigDecimal("0.0025"),
                        Instant.ofEpochMilli(1672515782136L),
                        new BigDecimal("10000")));
    }

    @Test
    void shouldReadAllMarketMiniTickerArrayKeepingScale() {
        String doc = """
                [{"e":"24hrMiniTicker","E":1515906156273,"s":"QTUMETH","c":"0.03836900","o":"0.03953500","h":"0.04400000","l":"0.03756000","v":"147435.80000000","q":"5903.84338533"}]""";

        StreamMessage message = protocol.parse(doc, RECEIVED);

        assertThat(message.kind()).isEqualTo(Kind.TICKS);
        assertThat(message.ticks())
                .containsExactly(new StreamTick(
                        "QTUMETH",
                        new BigDecimal("0.03836900"),
                        Instant.ofEpochMilli(1515906156273L),
                        new BigDecimal("147435.80000000")));
    }

    @Test
    void shouldUnwrapDocumentedCombinedStreamEvent() {
        String doc = """
                {"stream":"btcusdt@miniTicker","data":{"e":"24hrMiniTicker","E":1672515782136,"s":"BTCUSDT","c":"0.0025","o":"0.0010","h":"0.0025","l":"0.0010","v":"10000","q":"18"}}""";

        assertThat(protocol.parse(doc, RECEIVED).ticks())
                .containsExactly(new StreamTick(
                        "BTCUSDT",
                        new BigDecimal("0.0025"),
                        Instant.ofEpochMilli(1672515782136L),
                        new BigDecimal("10000")));
    }

    @Test
    void shouldReadDocumentedTwentyFourHourTicker() {
        String doc = """
                {
                    "e": "24hrTicker",      // Event type
                    "E": 1672515782136,     // Event time
                    "s": "BNBBTC",          // Symbol
                    "p": "0.0015",          // Price change
                    "P": "250.00",          // Price change percent
                    "w": "0.0018",          // Weighted average price
                    "x": "0.0009",          // First trade(F)-1 price (first trade before the 24hr rolling window)
                    "c": "0.0025",          // Last price
                    "Q": "10",              // Last quantity
                    "b": "0.0024",          // Best bid price
                    "B": "10",              // Best bid quantity
                    "a": "0.0026",          // Best ask price
                    "A": "100",             // Best ask quantity
                    "o": "0.0010",          // Open price
                    "h": "0.0025",          // High price
                    "l": "0.0010",          // Low price
                    "v": "10000",           // Total traded base asset volume
                    "q": "18",              // Total traded quote asset volume
                    "O": 0,                 // Statistics open time
                    "C": 86400000,          // Statistics close time
                    "F": 0,                 // First trade ID
                    "L": 18150,             // Last trade Id
                    "n": 18151              // Total number of trades
                }
                """;

        assertThat(protocol.parse(withoutComments(doc), RECEIVED).ticks())
                .containsExactly(new StreamTick(
                        "BNBBTC",
                        new BigDecimal("0.0025"),
                        Instant.ofEpochMilli(1672515782136L),
                        new BigDecimal("10000")));
    }

    @Test
    void shouldTakeNullResultsAsAcksAndIgnoreQueryAnswers() {
        assertThat(protocol.parse("{ \"result\": null, \"id\": 1 }", RECEIVED).kind())
                .isEqualTo(Kind.ACK);
        assertThat(protocol.parse("{ \"result\": null, \"id\": 312 }", RECEIVED).kind())
                .isEqualTo(Kind.ACK);
        assertThat(protocol.parse("{ \"result\": [\"btcusdt@aggTrade\"], \"id\": 3 }", RECEIVED)
                        .kind())
                .isEqualTo(Kind.IGNORED);
        assertThat(protocol.parse("{ \"result\": true, \"id\": 2 }", RECEIVED).kind())
                .isEqualTo(Kind.IGNORED);
    }

    @Test
    void shouldReportWrappedAndTopLevelErrorsWithTheirMessage() {
        assertThat(protocol.parse(
                        "{\"error\":{\"code\":2,\"msg\":\"Invalid request: invalid stream\"},\"id\":1}", RECEIVED))
                .isEqualTo(StreamMessage.error("Invalid request: invalid stream"));
        assertThat(protocol.parse(
                        "{\"code\":3,\"msg\":\"Invalid JSON: expected value at line %s column %s\"}", RECEIVED))
                .isEqualTo(StreamMessage.error("Invalid JSON: expected value at line %s column %s"));
        assertThat(protocol.parse("{\"code\": 1, \"msg\": \"Invalid value type: expected Boolean\"}", RECEIVED))
                .isEqualTo(StreamMessage.error("Invalid value type: expected Boolean"));
        assertThat(protocol.parse("{\"code\": 2, \"msg\": \"Invalid request: too many parameters\"}", RECEIVED))
                .isEqualTo(StreamMessage.error("Invalid request: too many parameters"));
    }

    @Test
    void shouldReconnectOnRawAndCombinedServerShutdown() {
        assertThat(protocol.parse("{\"e\": \"serverShutdown\", \"E\": 1770123456789}", RECEIVED)
                        .kind())
                .isEqualTo(Kind.RECONNECT);
        StreamMessage combined = protocol.parse(
                "{\"stream\": \"!serverShutdown\", \"data\": {\"e\": \"serverShutdown\", \"E\": 1770123456789}}",
                RECEIVED);
        assertThat(combined.kind()).isEqualTo(Kind.RECONNECT);
        assertThat(combined.detail()).contains("serverShutdown");
    }

    @Test
    void shouldIgnoreBookTickerAndAnEmptyArray() {
        assertThat(protocol.parse(
                                "{ \"u\": 400900217, \"s\": \"BNBUSDT\", \"b\": \"25.35190000\", \"B\": \"31.21000000\","
                                        + " \"a\": \"25.36520000\", \"A\": \"40.66000000\" }",
                                RECEIVED)
                        .kind())
                .isEqualTo(Kind.IGNORED);
        assertThat(protocol.parse("{\"stream\":\"!miniTicker@arr\",\"data\":[]}", RECEIVED)
                        .kind())
                .isEqualTo(Kind.IGNORED);
    }

    @Test
    void shouldCapEventTimeAtReceiveTime() {
        Instant received = Instant.ofEpochMilli(1672515782000L);
        String ahead = "{\"e\":\"24hrMiniTicker\",\"E\":1672515782136,\"s\":\"BTCUSDT\",\"c\":\"1\",\"v\":\"2\"}";

        assertThat(protocol.parse(ahead, received).ticks())
                .singleElement()
                .extracting(StreamTick::eventTime)
                .isEqualTo(received);
    }

    @Test
    void shouldDropUnreadableElementsAndKeepTheRest() {
        String array = "["
                + String.join(
                        ",",
                        "{\"e\":\"24hrMiniTicker\",\"E\":1,\"s\":\"A\",\"c\":\"-1\",\"v\":\"1\"}",
                        "{\"e\":\"24hrMiniTicker\",\"E\":1,\"s\":\"B\",\"c\":\"0\",\"v\":\"1\"}",
                        "{\"e\":\"24hrMiniTicker\",\"E\":1,\"s\":\"C\",\"v\":\"1\"}",
                        "{\"e\":\"24hrMiniTicker\",\"E\":1,\"s\":\"D\",\"c\":\"1e999999\",\"v\":\"1\"}",
                        "{\"e\":\"24hrMiniTicker\",\"E\":\"soon\",\"s\":\"E\",\"c\":\"1\",\"v\":\"1\"}",
                        "{\"e\":\"24hrMiniTicker\",\"E\":99999999999999999999999,\"s\":\"F\",\"c\":\"1\"}",
                        "{\"e\":\"24hrMiniTicker\",\"E\":1,\"c\":\"1\"}",
                        "17",
                        "{\"e\":\"24hrMiniTicker\",\"E\":1000,\"s\":\"OK\",\"c\":\"2.50\",\"v\":\"-3\"}")
                + "]";

        assertThat(protocol.parse(array, RECEIVED).ticks())
                .containsExactly(new StreamTick("OK", new BigDecimal("2.50"), Instant.ofEpochMilli(1000), null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[{\"e\":\"24hrMiniTicker\",\"E\":1,\"s\":\"A\",\"c\":\"-1\"}]",
                "{\"e\":\"24hrTicker\",\"E\":1,\"s\":\"A\",\"c\":\"abc\"}",
                "{\"e\":\"24hrTicker\",\"E\":1,\"s\":\"A\",\"c\":1e999999999}",
                "{\"stream\":\"btcusdt@miniTicker\"}",
                "{\"stream\":\"btcusdt@miniTicker\",\"data\":\"x\"}",
                "{\"stream\":\"btcusdt@miniTicker\",\"data\":{\"e\":\"24hrMiniTicker\",\"E\":1672515782136,\"s\":\"BTCUSDT\",\"c\":\"0.0",
                "not json"
            })
    void shouldCallUnreadableMessagesMalformed(String text) {
        assertThat(protocol.parse(text, RECEIVED).kind()).isEqualTo(Kind.MALFORMED);
    }

    @Test
    void shouldReadWhatTheSimulatorWrites() {
        // BinanceStream on /stream: !miniTicker@arr of every listed pair, prices padded (num), volumes fixed (qty)
        String sim = "{\"stream\":\"!miniTicker@arr\",\"data\":["
                + "{\"e\":\"24hrMiniTicker\",\"E\":1767268800000,\"s\":\"BTCUSDT\",\"c\":\"95012.34000000\","
                + "\"o\":\"94000.00000000\",\"h\":\"96000.00000000\",\"l\":\"93000.00000000\",\"v\":\"1234.56700000\","
                + "\"q\":\"117300000.00000000\"},"
                + "{\"e\":\"24hrMiniTicker\",\"E\":1767268800000,\"s\":\"ETHUSDT\",\"c\":\"3301.00000000\","
                + "\"o\":\"3300.00000000\",\"h\":\"3400.00000000\",\"l\":\"3200.00000000\",\"v\":\"88.00000000\","
                + "\"q\":\"290000.00000000\"}]}";

        assertThat(protocol.parse(sim, RECEIVED).ticks())
                .extracting(StreamTick::name, StreamTick::price)
                .containsExactly(
                        tuple("BTCUSDT", new BigDecimal("95012.34000000")),
                        tuple("ETHUSDT", new BigDecimal("3301.00000000")));
    }

    @Test
    void shouldNeverThrowOnHostileInput() {
        StreamSamples.hostile().forEach(text -> StreamSamples.assertNoTicks(protocol.parse(text, RECEIVED)));
    }
}
