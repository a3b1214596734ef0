package io.pricewire.sim.stream;

import static io.pricewire.sim.stream.StreamTesting.shape;
import static io.pricewire.sim.stream.StreamTesting.ws;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.sim.ExchangeSim;
import io.pricewire.sim.SimClient;
import io.pricewire.sim.SteppedSim;
import io.pricewire.sim.exchange.BinanceStream;
import io.pricewire.testkit.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Binance's stream against its documented messages; the market steps by hand, so every step publishes. */
class BinanceStreamTest {
    /** The docs' Individual Symbol Mini Ticker example, comments removed. */
    private static final String DOC_MINI_TICKER = """
            {"e":"24hrMiniTicker","E":1672515782136,"s":"BNBBTC","c":"0.0025","o":"0.0010","h":"0.0025","l":"0.0010",
             "v":"10000","q":"18"}""";
    /** The docs' Individual Symbol Ticker example, comments removed. */
    private static final String DOC_TICKER = """
            {"e":"24hrTicker","E":1672515782136,"s":"BNBBTC","p":"0.0015","P":"250.00","w":"0.0018","x":"0.0009",
             "c":"0.0025","Q":"10","b":"0.0024","B":"10","a":"0.0026","A":"100","o":"0.0010","h":"0.0025","l":"0.0010",
             "v":"10000","q":"18","O":0,"C":86400000,"F":0,"L":18150,"n":18151}""";

    private static final String DOC_BOOK_TICKER = """
            { "u": 400900217, "s": "BNBUSDT", "b": "25.35190000", "B": "31.21000000", "a": "25.36520000", "A": "40.66000000" }""";
    private static final String DOC_COMBINED = """
            {"stream":"btcusdt@miniTicker","data":{"e":"24hrMiniTicker","E":1672515782136,"s":"BTCUSDT","c":"0.0025",\
            "o":"0.0010","h":"0.0025","l":"0.0010","v":"10000","q":"18"}}""";

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00.123Z");
    private ExchangeSim sim;

    @BeforeEach
    void start() throws IOException {
        sim = ExchangeSim.start(SteppedSim.at(clock));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private WsClient open(String path) {
        return WsClient.open(ws(sim, ExchangeId.BINANCE, path));
    }

    @Test
    void shouldAnswerTheDocumentedControlMessagesByteForByte() {
        try (WsClient c = open("/ws/0")) {
            c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\",\"btcusdt@depth\"],\"id\":1}");
            assertThat(c.next()).isEqualTo("{\"result\":null,\"id\":1}");
            c.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@depth\"],\"id\":312}");
            assertThat(c.next()).isEqualTo("{\"result\":null,\"id\":312}");
            c.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":3}");
            assertThat(c.next()).isEqualTo("{\"result\":[\"btcusdt@aggTrade\"],\"id\":3}");
            c.send("{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",true],\"id\":5}");
            assertThat(c.next()).isEqualTo("{\"result\":null,\"id\":5}");
            c.send("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":2}");
            assertThat(c.next()).isEqualTo("{\"result\":true,\"id\":2}");
        }
    }

    @Test
    void shouldEchoTheIdWithItsJsonType() {
        try (WsClient c = open("/ws")) {
            c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@miniTicker\"],\"id\":\"a1-b2\"}");
            assertThat(c.next()).isEqualTo("{\"result\":null,\"id\":\"a1-b2\"}");
            c.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":null}");
            assertThat(c.next()).isEqualTo("{\"result\":[\"btcusdt@miniTicker\"],\"id\":null}");
        }
    }

    @Test
    void shouldAnswerTheWireErrorsForBadRequests() {
        try (WsClient c = open("/ws")) {
            c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"BTCUSDT@nonsense\"],\"id\":1}");
            assertThat(c.next())
                    .isEqualTo("{\"error\":{\"code\":2,\"msg\":\"Invalid request: invalid stream\"},\"id\":1}");
            c.send("{\"method\":\"SET_PROPERTY\",\"params\":[\"colour\",true],\"id\":7}");
            assertThat(c.next()).isEqualTo("{\"error\":{\"code\":0,\"msg\":\"Unknown property\"},\"id\":7}");
            c.send("{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",\"yes\"],\"id\":8}");
            assertThat(c.next())
                    .isEqualTo("{\"error\":{\"code\":1,\"msg\":\"Invalid value type: expected Boolean\"},\"id\":8}");
        }
        // a second connection: Binance drops one that sends more than 5 messages a second
        try (WsClient c = open("/ws")) {
            c.send("{\"method\":\"SUBSCRIBER\",\"params\":[],\"id\":9}");
            assertThat(c.next())
                    .isEqualTo("{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown variant `SUBSCRIBER`,"
                            + " expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`"
                            + " at line 1 column 22\"},\"id\":9}");
            c.send("{\"params\":[],\"id\":10}");
            assertThat(c.nextJson().get("error").get("msg").asText())
                    .startsWith("Invalid request: missing field `method`");
            c.send("{not json");
            assertThat(c.nextJson().get("error").get("code").asInt()).isEqualTo(3);
        }
    }

    @Test
    void shouldAcceptAnUnknownSymbolSilentlyAndNeverSendItData() {
        try (WsClient c = open("/ws/0")) {
            c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"xrpxrp@bookTicker\",\"btcusdt@bookTicker\"],\"id\":4}");
            assertThat(c.next()).isEqualTo("{\"result\":null,\"id\":4}");
            sim.tick();
            sim.tick();
            assertThat(c.nextJson().get("s").asText()).isEqualTo("BTCUSDT");
            assertThat(c.nextJson().get("s").asText()).isEqualTo("BTCUSDT");
        }
    }

    @Test
    void shouldSendMiniTickersInTheDocumentedShapeWithTheRestPrice() {
        try (WsClient c = open("/ws/0");
                SimClient rest = new SimClient()) {
            c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@miniTicker\"],\"id\":1}");
            c.next();
            sim.tick();
            JsonNode mini = c.nextJson();
            assertThat(shape(mini)).isEqualTo(shape(DOC_MINI_TICKER));
            assertThat(mini.get("s").asText()).isEqualTo("BTCUSDT");
            assertThat(mini.get("E").asLong()).isEqualTo(clock.millis());
            JsonNode day = rest.getJson(sim.baseUri(ExchangeId.BINANCE), "/api/v3/ticker/24hr?symbol=BTCUSDT");
            assertThat(mini.get("c").asText()).isEqualTo(day.get("lastPrice").asText());
            assertThat(mini.get("o").asText()).isEqualTo(day.get("openPrice").asText());
            assertThat(mini.get("v").asText()).isEqualTo(day.get("volume").asText());
        }
    }

    @Test
    void shouldSendTickersWithACloseTimeOfNowAndBookTickersWithoutEventTime() {
        try (WsClient c = open("/ws/0")) {
            c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@ticker\",\"ethusdt@bookTicker\"],\"id\":1}");
            c.next();
            sim.tick();
            JsonNode ticker = c.nextJson();
            JsonNode book = c.nextJson();
            assertThat(shape(ticker)).isEqualTo(shape(DOC_TICKER));
            // ccxt stamps a ticker with C: it is the end of the 24 h window, i.e. now
            assertThat(ticker.get("C").asLong()).isEqualTo(clock.millis());
            assertThat(ticker.get("O").asLong()).isEqualTo(clock.millis() - 86_400_000L);
            assertThat(shape(book)).isEqualTo(shape(DOC_BOOK_TICKER));
            assertThat(book.get("b").asText()).isEqualTo(ticker.get("b").asText());
            assertThat(book.get("a").asText()).isEqualTo(ticker.get("a").asText());
        }
    }

    @Test
    void shouldWrapEventsWhenCombinedAndSubscribeTheStreamsNamedInTheUrl() {
        try (WsClient c = open("/stream?streams=btcusdt@miniTicker/ethusdt@bookTicker")) {
            sim.tick();
            JsonNode first = c.nextJson();
            assertThat(shape(first)).isEqualTo(shape(DOC_COMBINED));
            assertThat(first.get("stream").asText()).isEqualTo("btcusdt@miniTicker");
            assertThat(c.nextJson().get("stream").asText()).isEqualTo("ethusdt@bookTicker");
        }
        try (WsClient c = open("/ws/btcusdt@bookTicker")) {
            sim.tick();
            assertThat(c.nextJson().get("s").asText()).isEqualTo("BTCUSDT");
        }
    }

    @Test
    void shouldSendEveryListedPairInOneArrayOnTheAllMarketMiniTickerStream() {
        try (WsClient c = open("/ws/1")) {
            c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"!miniTicker@arr\"],\"id\":1}");
            c.next();
            sim.delist(ExchangeId.BINANCE, "ETH");
            sim.tick();
            JsonNode all = c.nextJson();
            Set<String> symbols = new HashSet<>();
            all.forEach(t -> symbols.add(t.get("s").asText()));
            assertThat(shape(all.get(0))).isEqualTo(shape(DOC_MINI_TICKER));
            assertThat(symbols).contains("BTCUSDT", "SOLUSDT").doesNotContain("ETHUSDT");
            assertThat(all.size()).isGreaterThan(100);
        }
    }

    @Test
    void shouldStampEventsInMicrosecondsWhenTimeUnitIsMicrosecond() {
        try (WsClient c = open("/ws/btcusdt@miniTicker?timeUnit=MICROSECOND")) {
            sim.tick();
            assertThat(c.nextJson().get("E").asLong()).isEqualTo(clock.millis() * 1000);
        }
    }

    @Test
    void shouldStopSendingADelistedPair() {
        try (WsClient c = open("/ws/0")) {
            c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@bookTicker\",\"ethusdt@bookTicker\"],\"id\":1}");
            c.next();
            sim.delist(ExchangeId.BINANCE, "BTC");
            sim.tick();
            sim.tick();
            assertThat(c.nextJson().get("s").asText()).isEqualTo("ETHUSDT");
            assertThat(c.nextJson().get("s").asText()).isEqualTo("ETHUSDT");
        }
    }

    @Test
    void shouldPublishTheOnceASecondStreamsOnEveryOtherStepAtFiveHundredMilliseconds() {
        assertThat(BinanceStream.stepsPerSecond(Duration.ofMillis(500))).isEqualTo(2);
        assertThat(BinanceStream.stepsPerSecond(Duration.ofMillis(100))).isEqualTo(10);
        assertThat(BinanceStream.stepsPerSecond(Duration.ZERO)).isEqualTo(1);
        assertThat(BinanceStream.stepsPerSecond(Duration.ofSeconds(2))).isEqualTo(1);
    }
}
