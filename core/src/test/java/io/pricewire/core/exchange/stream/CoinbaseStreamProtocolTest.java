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

/** Coinbase Exchange examples verbatim from docs/reference exchange-streams.md §2. */
class CoinbaseStreamProtocolTest {

    private static final Listing ETH = new Listing("ETH", "ETH-USD");
    private static final Listing ETH_EUR = new Listing("ETH", "ETH-EUR");

    private final StreamProtocol protocol = StreamProtocols.of(ExchangeId.COINBASE);

    @Test
    void shouldSubscribeTickerAndHeartbeatWithTopLevelProductIds() {
        // the form ccxt sends (§5.2), with the heartbeat channel beside ticker (§2.2)
        assertThat(protocol.subscribe(List.of(ETH, ETH_EUR, ETH)))
                .containsExactly(
                        "{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\",\"ETH-EUR\"],\"channels\":[\"ticker\",\"heartbeat\"]}");
        assertThat(protocol.unsubscribe(List.of(ETH, ETH_EUR)))
                .containsExactly(
                        "{\"type\":\"unsubscribe\",\"product_ids\":[\"ETH-USD\",\"ETH-EUR\"],\"channels\":[\"ticker\",\"heartbeat\"]}");
        assertThat(protocol.subscribe(List.of())).isEmpty();
        assertThat(protocol.unsubscribe(List.of())).isEmpty();
        assertThat(protocol.onConnect()).isEmpty();
        assertThat(protocol.ping()).isEmpty();
        assertThat(protocol.path()).isEqualTo("/");
    }

    @Test
    void shouldSplitLargeSubscriptionsIntoMessagesOfAHundredProducts() {
        List<Listing> listings = StreamSamples.listings(250, "C", "-USD");

        List<String> messages = protocol.subscribe(listings);

        assertThat(messages).hasSize(3);
        assertThat(messages.get(0))
                .startsWith("{\"type\":\"subscribe\",\"product_ids\":[\"C0-USD\",")
                .contains("\"C99-USD\"]");
        assertThat(messages.get(1)).contains("[\"C100-USD\",").contains("\"C199-USD\"]");
        assertThat(messages.get(2)).contains("[\"C200-USD\",").contains("\"C249-USD\"]");
        assertThat(protocol.unsubscribe(listings)).hasSize(3);
    }

    @Test
    void shouldReadDocumentedTicker() {
        String doc = """
                {
                  "type": "ticker",
                  "sequence": 37475248783,
                  "product_id": "ETH-USD",
                  "price": "1285.22",
                  "open_24h": "1310.79",
                  "volume_24h": "245532.79269678",
                  "low_24h": "1280.52",
                  "high_24h": "1313.8",
                  "volume_30d": "9788783.60117027",
                  "best_bid": "1285.04",
                  "best_bid_size": "0.46688654",
                  "best_ask": "1285.27",
                  "best_ask_size": "1.56637040",
                  "side": "buy",
                  "time": "2022-10-19T23:28:22.061769Z",
                  "trade_id": 370843401,
                  "last_size": "11.4396987"
                }
                """;

        assertThat(protocol.parse(doc, RECEIVED).ticks())
                .containsExactly(new StreamTick(
                        "ETH-USD",
                        new BigDecimal("1285.22"),
                        Instant.parse("2022-10-19T23:28:22.061769Z"),
                        new BigDecimal("245532.79269678")));
    }

    @Test
    void shouldStampTickerWithoutTimeWithReceiveTime() {
        // the first ticker after subscribing lacked time, side, trade_id and last_size (coinbase-pro-node#140)
        String first = "{\"type\":\"ticker\",\"sequence\":37475248783,\"product_id\":\"ETH-USD\",\"price\":\"1285.22\","
                + "\"volume_24h\":\"245532.79269678\"}";

        assertThat(protocol.parse(first, RECEIVED).ticks())
                .singleElement()
                .extracting(StreamTick::eventTime)
                .isEqualTo(RECEIVED);
    }

    @Test
    void shouldCapEventTimeAtReceiveTime() {
        Instant received = Instant.parse("2022-10-19T23:28:22Z");
        String ahead = "{\"type\":\"ticker\",\"product_id\":\"ETH-USD\",\"price\":\"1285.22\","
                + "\"time\":\"2022-10-19T23:28:22.061769Z\"}";

        StreamTick tick = protocol.parse(ahead, received).ticks().get(0);

        assertThat(tick.eventTime()).isEqualTo(received);
        assertThat(tick.volume()).isNull();
    }

    @Test
    void shouldTakeHeartbeatAndSubscriptionsForWhatTheyAre() {
        String heartbeat =
                "{ \"type\": \"heartbeat\", \"sequence\": 90, \"last_trade_id\": 20, \"product_id\": \"BTC-USD\","
                        + " \"time\": \"2014-11-07T08:19:28.464459Z\" }";
        String subscriptions = """
                {
                  "type": "subscriptions",
                  "channels": [
                    { "name": "level2",    "product_ids": ["ETH-USD", "ETH-EUR"] },
                    { "name": "heartbeat", "product_ids": ["ETH-USD", "ETH-EUR"] },
                    { "name": "ticker",    "product_ids": ["ETH-USD", "ETH-EUR", "ETH-BTC"] }
                  ]
                }
                """;

        assertThat(protocol.parse(heartbeat, RECEIVED)).isEqualTo(StreamMessage.heartbeat());
        assertThat(protocol.parse(subscriptions, RECEIVED)).isEqualTo(StreamMessage.ack());
    }

    @Test
    void shouldReportErrorsWithMessageAndReason() {
        assertThat(protocol.parse(
                        "{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"FOO-BAR is not a valid product\"}",
                        RECEIVED))
                .isEqualTo(StreamMessage.error("Failed to subscribe: FOO-BAR is not a valid product"));
        // as captured, with the type last
        assertThat(protocol.parse(
                        "{\"message\":\"Failed to subscribe\",\"reason\":\"No channels provided\",\"type\":\"error\"}",
                        RECEIVED))
                .isEqualTo(StreamMessage.error("Failed to subscribe: No channels provided"));
        assertThat(protocol.parse("{\"type\": \"error\", \"message\": \"error message\"}", RECEIVED))
                .isEqualTo(StreamMessage.error("error message"));
    }

    @Test
    void shouldIgnoreMessageTypesItDoesNotUse() {
        // "Clients are expected to ignore messages they do not support."
        assertThat(protocol.parse("{\"type\":\"match\",\"product_id\":\"ETH-USD\"}", RECEIVED)
                        .kind())
                .isEqualTo(Kind.IGNORED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"ticker\",\"product_id\":\"ETH-USD\",\"price\":\"-1285.22\"}",
                "{\"type\":\"ticker\",\"product_id\":\"ETH-USD\",\"price\":\"0\"}",
                "{\"type\":\"ticker\",\"product_id\":\"ETH-USD\",\"price\":\"12,85\"}",
                "{\"type\":\"ticker\",\"product_id\":\"ETH-USD\"}",
                "{\"type\":\"ticker\",\"price\":\"1285.22\"}",
                "{\"type\":\"ticker\",\"product_id\":\"ETH-USD\",\"price\":\"1285.22\",\"time\":\"yesterday\"}",
                "{\"type\":\"ticker\",\"product_id\":\"ETH-USD\",\"price\":\"1285.22\",\"time\":1666222102}",
                "{\"type\":\"ticker\",\"product_id\":\"ETH-USD\",\"price\":\"1e999999\"}",
                "{\"type\":7}",
                "{\"product_id\":\"ETH-USD\"}",
                "[{\"type\":\"ticker\"}]",
                "{\"type\":\"ticker\",\"product_id\":\"ETH-USD\",\"pri"
            })
    void shouldCallUnreadableMessagesMalformed(String text) {
        assertThat(protocol.parse(text, RECEIVED).kind()).isEqualTo(Kind.MALFORMED);
    }

    @Test
    void shouldReadWhatTheSimulatorWrites() {
        // CoinbaseStream.ticker: the 17 fields in the docs' order, Decimals.plain numbers, µs time
        String sim = "{\"type\":\"ticker\",\"sequence\":37000000008,\"product_id\":\"BTC-USD\",\"price\":\"95012.34\","
                + "\"open_24h\":\"94000\",\"volume_24h\":\"1234.567\",\"low_24h\":\"93000\",\"high_24h\":\"96000\","
                + "\"volume_30d\":\"37037.01\",\"best_bid\":\"95012.3\",\"best_bid_size\":\"0.5\",\"best_ask\":\"95012.4\","
                + "\"best_ask_size\":\"0.7\",\"side\":\"sell\",\"time\":\"2026-01-01T12:00:00.000217Z\",\"trade_id\":101,"
                + "\"last_size\":\"0.01\"}";

        assertThat(protocol.parse(sim, RECEIVED).ticks())
                .containsExactly(new StreamTick(
                        "BTC-USD",
                        new BigDecimal("95012.34"),
                        Instant.parse("2026-01-01T12:00:00.000217Z"),
                        new BigDecimal("1234.567")));
    }

    @Test
    void shouldNeverThrowOnHostileInput() {
        StreamSamples.hostile().forEach(text -> StreamSamples.assertNoTicks(protocol.parse(text, RECEIVED)));
    }
}
