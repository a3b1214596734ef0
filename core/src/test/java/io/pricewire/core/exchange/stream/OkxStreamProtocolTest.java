package io.pricewire.core.exchange.stream;

import static io.pricewire.core.exchange.stream.StreamSamples.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.stream.StreamMessage.Kind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OKX v5 public examples verbatim from docs/reference exchange-streams.md §4. */
class OkxStreamProtocolTest {

    private static final Listing BTC = new Listing("BTC", "BTC-USDT");
    private static final int OKX_LIMIT = 64 * 1024;

    private final StreamProtocol protocol = StreamProtocols.of(ExchangeId.OKX);

    @Test
    void shouldSubscribeAndUnsubscribeAsDocumented() {
        // the subscribe ccxt sends (§5.2) and the docs' unsubscribe (§4.2) without its spaces
        assertThat(protocol.subscribe(List.of(BTC, BTC)))
                .containsExactly("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"}]}");
        assertThat(protocol.unsubscribe(List.of(BTC)))
                .containsExactly(
                        "{\"op\":\"unsubscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"}]}");
        assertThat(protocol.subscribe(List.of())).isEmpty();
        assertThat(protocol.onConnect()).isEmpty();
        assertThat(protocol.ping()).contains("ping");
        assertThat(protocol.path()).isEqualTo("/ws/v5/public");
    }

    @Test
    void shouldFillEachRequestUpTo64KbAndNoFurther() throws Exception {
        List<Listing> listings = StreamSamples.listings(4_000, "COIN", "-USDT");

        List<String> messages = protocol.subscribe(listings);

        assertThat(messages).hasSizeGreaterThan(1);
        List<String> instIds = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < messages.size(); i++) {
            String message = messages.get(i);
            int bytes = message.getBytes(StandardCharsets.UTF_8).length;
            assertThat(bytes).isLessThanOrEqualTo(OKX_LIMIT);
            JsonNode args = json.readTree(message).get("args");
            args.forEach(arg -> instIds.add(arg.get("instId").textValue()));
            if (i < messages.size() - 1) {
                // the next instrument (a comma and its arg) would not have fitted
                String next = "{\"channel\":\"tickers\",\"instId\":\"COIN" + instIds.size() + "-USDT\"}";
                assertThat(bytes + 1 + next.length()).isGreaterThan(OKX_LIMIT);
            }
        }
        assertThat(instIds).isEqualTo(listings.stream().map(Listing::pair).toList());
    }

    @Test
    void shouldReadDocumentedTickersPush() {
        String doc = """
                {
                  "arg": { "channel": "tickers", "instId": "BTC-USDT" },
                  "data": [
                    {
                      "instType": "SPOT",
                      "instId": "BTC-USDT",
                      "last": "9999.99",
                      "lastSz": "0.1",
                      "askPx": "9999.99",
                      "askSz": "11",
                      "bidPx": "8888.88",
                      "bidSz": "5",
                      "open24h": "9000",
                      "high24h": "10000",
                      "low24h": "8888.88",
                      "volCcy24h": "2222",
                      "vol24h": "2222",
                      "sodUtc0": "2222",
                      "sodUtc8": "2222",
                      "ts": "1597026383085"
                    }
                  ]
                }
                """;

        assertThat(protocol.parse(doc, RECEIVED).ticks())
                .containsExactly(new StreamTick(
                        "BTC-USDT",
                        new BigDecimal("9999.99"),
                        Instant.ofEpochMilli(1597026383085L),
                        new BigDecimal("2222")));
        assertThat(protocol.parse(doc, Instant.ofEpochMilli(1597026383000L))
                        .ticks()
                        .get(0)
                        .eventTime())
                .isEqualTo(Instant.ofEpochMilli(1597026383000L));
    }

    @Test
    void shouldTakeTextPongBeforeJson() {
        assertThat(protocol.parse("pong", RECEIVED)).isEqualTo(StreamMessage.pong());
        assertThat(protocol.parse("pong\n", RECEIVED)).isEqualTo(StreamMessage.pong());
        assertThat(protocol.parse("pon", RECEIVED).kind()).isEqualTo(Kind.MALFORMED);
    }

    @Test
    void shouldTakeDocumentedSubscribeAndUnsubscribeAnswersAsAcks() {
        assertThat(protocol.parse(
                        "{ \"id\": \"1512\", \"event\": \"subscribe\", \"arg\": { \"channel\": \"tickers\", \"instId\": \"BTC-USDT\" },"
                                + " \"connId\": \"a4d3ae55\" }",
                        RECEIVED))
                .isEqualTo(StreamMessage.ack());
        assertThat(protocol.parse(
                        "{\"event\":\"subscribe\",\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"connId\":\"accb8e21\"}",
                        RECEIVED))
                .isEqualTo(StreamMessage.ack());
        assertThat(protocol.parse(
                        "{ \"event\": \"unsubscribe\", \"arg\": { \"channel\": \"tickers\", \"instId\": \"BTC-USDT\" },"
                                + " \"connId\": \"d0b44253\" }",
                        RECEIVED))
                .isEqualTo(StreamMessage.ack());
    }

    @Test
    void shouldReportDocumentedErrorsWithTheirMessage() {
        String invalid =
                "{ \"id\": \"1512\", \"event\": \"error\", \"code\": \"60012\", \"msg\": \"Invalid request: {\\\"op\\\":"
                        + " \\\"subscribe\\\", \\\"argss\\\":[{ \\\"channel\\\" : \\\"tickers\\\", \\\"instId\\\" : \\\"LTC-USD-200327\\\"}]}\","
                        + " \"connId\": \"a4d3ae55\" }";
        String unknown =
                "{\"event\":\"error\",\"msg\":\"Wrong URL or channel:tickers,instId:NMR-USDT doesn't exist. Please use"
                        + " the correct URL, channel and parameters referring to API document.\",\"code\":\"60018\",\"connId\":\"0d0c61a5\"}";
        String unknown2023 =
                "{\"event\":\"error\",\"msg\":\"channel:tickers,instId:LTC-USD doesn't exist\",\"code\":\"60018\"}";

        assertThat(protocol.parse(invalid, RECEIVED))
                .isEqualTo(StreamMessage.error(
                        "Invalid request: {\"op\": \"subscribe\", \"argss\":[{ \"channel\" : \"tickers\","
                                + " \"instId\" : \"LTC-USD-200327\"}]}"));
        assertThat(protocol.parse(unknown, RECEIVED))
                .isEqualTo(
                        StreamMessage.error("Wrong URL or channel:tickers,instId:NMR-USDT doesn't exist. Please use the"
                                + " correct URL, channel and parameters referring to API document."));
        assertThat(protocol.parse(unknown2023, RECEIVED))
                .isEqualTo(StreamMessage.error("channel:tickers,instId:LTC-USD doesn't exist"));
    }

    @Test
    void shouldReconnectOnServiceUpgradeNoticeOnly() {
        String upgrade =
                "{\"event\":\"notice\",\"code\":\"64008\",\"msg\":\"The connection will soon be closed for a service"
                        + " upgrade. Please reconnect.\",\"connId\":\"a4d3ae55\"}";

        StreamMessage message = protocol.parse(upgrade, RECEIVED);

        assertThat(message.kind()).isEqualTo(Kind.RECONNECT);
        assertThat(message.detail()).contains("64008").contains("service upgrade");
        assertThat(protocol.parse("{\"event\":\"notice\",\"code\":\"64009\",\"msg\":\"other\"}", RECEIVED)
                        .kind())
                .isEqualTo(Kind.IGNORED);
        assertThat(protocol.parse(
                                "{\"event\":\"channel-conn-count-error\",\"channel\":\"orders\",\"connCount\":\"20\",\"connId\":\"a4d3ae55\"}",
                                RECEIVED)
                        .kind())
                .isEqualTo(Kind.IGNORED);
    }

    @Test
    void shouldDropUnreadableTickersAndIgnoreOtherChannels() {
        String mixed = "{\"arg\":{\"channel\":\"tickers\",\"instId\":\"X\"},\"data\":["
                + "{\"instId\":\"A-USDT\",\"last\":\"-1\",\"ts\":\"1\"},"
                + "{\"instId\":\"B-USDT\",\"last\":\"\",\"ts\":\"1\"},"
                + "{\"instId\":\"C-USDT\",\"last\":\"1\",\"ts\":\"abc\"},"
                + "{\"instId\":\"D-USDT\",\"last\":\"1\",\"ts\":\"1597026383085.5\"},"
                + "{\"instId\":\"E-USDT\",\"last\":\"" + "9".repeat(65) + "\",\"ts\":\"1\"},"
                + "\"x\","
                + "{\"instId\":\"OK-USDT\",\"last\":\"0.000100\",\"vol24h\":\"12\",\"ts\":\"1000\"}]}";

        assertThat(protocol.parse(mixed, RECEIVED).ticks())
                .containsExactly(new StreamTick(
                        "OK-USDT", new BigDecimal("0.000100"), Instant.ofEpochMilli(1000), new BigDecimal("12")));
        assertThat(protocol.parse("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"data\":[]}", RECEIVED)
                        .kind())
                .isEqualTo(Kind.IGNORED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"data\":{\"instId\":\"BTC-USDT\"}}",
                "{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"}}",
                "{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"data\":[]}",
                "{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instId\":\"BTC-USDT\",\"last\":\"0\"}]}",
                "{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instId\":\"BTC-USDT\",\"last\":\"1e-999\"}]}",
                "{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instId\":\"BTC-USDT\",\"last\":\"9999.99\",\"ts\":\"-5\"}]}",
                "{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instId\":\"BTC-USDT\",\"last\":\"9999",
                "ping"
            })
    void shouldCallUnreadableMessagesMalformed(String text) {
        assertThat(protocol.parse(text, RECEIVED).kind()).isEqualTo(Kind.MALFORMED);
    }

    @Test
    void shouldReadWhatTheSimulatorWrites() {
        // OkxStream: ack and error carry connId (error: id first), the push puts sodUtc0/8 and ts after the ticker
        // fields
        String ack =
                "{\"event\":\"subscribe\",\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"connId\":\"1f\"}";
        String error =
                "{\"id\":\"7\",\"event\":\"error\",\"msg\":\"Requests too frequent.\",\"code\":\"60014\",\"connId\":\"1f\"}";
        String push = "{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instType\":\"SPOT\","
                + "\"instId\":\"BTC-USDT\",\"last\":\"95012.34\",\"lastSz\":\"0.01\",\"askPx\":\"95012.4\",\"askSz\":\"0.7\","
                + "\"bidPx\":\"95012.3\",\"bidSz\":\"0.5\",\"open24h\":\"94000\",\"high24h\":\"96000\",\"low24h\":\"93000\","
                + "\"volCcy24h\":\"117300000\",\"vol24h\":\"1234.567\",\"sodUtc0\":\"94000\",\"sodUtc8\":\"94506.17\","
                + "\"ts\":\"1767268800000\"}]}";

        assertThat(protocol.parse(ack, RECEIVED).kind()).isEqualTo(Kind.ACK);
        assertThat(protocol.parse(error, RECEIVED)).isEqualTo(StreamMessage.error("Requests too frequent."));
        assertThat(protocol.parse(push, RECEIVED).ticks())
                .containsExactly(new StreamTick(
                        "BTC-USDT",
                        new BigDecimal("95012.34"),
                        Instant.ofEpochMilli(1767268800000L),
                        new BigDecimal("1234.567")));
    }

    @Test
    void shouldNeverThrowOnHostileInput() {
        StreamSamples.hostile().forEach(text -> StreamSamples.assertNoTicks(protocol.parse(text, RECEIVED)));
    }
}
