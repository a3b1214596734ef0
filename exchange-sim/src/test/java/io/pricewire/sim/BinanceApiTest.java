package io.pricewire.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.testkit.MutableClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BinanceApiTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00.123Z");
    private final SimClient client = new SimClient();
    private ExchangeSim sim;
    private URI binance;

    @BeforeEach
    void start() throws IOException {
        sim = ExchangeSim.start(SteppedSim.at(clock));
        binance = sim.baseUri(ExchangeId.BINANCE);
    }

    @AfterEach
    void stop() {
        sim.close();
        client.close();
    }

    @Test
    void shouldListEveryBinancePairWhenPriceIsAskedWithoutParameters() {
        JsonNode all = client.getJson(binance, "/api/v3/ticker/price");
        long listed = AssetUniverse.loadDefault().all().stream()
                .filter(a -> a.listingOn(ExchangeId.BINANCE).isPresent())
                .count();
        assertThat(all.isArray()).isTrue();
        assertThat(all).hasSize((int) listed);
        List<String> symbols = new ArrayList<>();
        all.forEach(t -> {
            symbols.add(t.get("symbol").asText());
            assertThat(t.get("price").isTextual()).isTrue();
            assertThat(new BigDecimal(t.get("price").asText())).isPositive();
        });
        assertThat(symbols).contains("BTCUSDT", "ETHUSDT", "USDCUSDT").doesNotContain("USDTUSDT");
    }

    @Test
    void shouldAnswerOneObjectWhenPriceIsAskedForOneSymbol() {
        HttpResponse<String> response = client.get(binance, "/api/v3/ticker/price?symbol=BTCUSDT");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode ticker = client.json(response);
        assertThat(fieldNames(ticker)).containsExactly("symbol", "price");
        assertThat(ticker.get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(ticker.get("price").asText()).matches("\\d+\\.\\d{8,}");
    }

    @Test
    void shouldAnswerAnArrayInRequestOrderWhenSymbolsIsAJsonArray() {
        JsonNode book = client.getJson(
                binance, "/api/v3/ticker/bookTicker?symbols=" + SimClient.encode("[\"ETHUSDT\",\"BTCUSDT\"]"));
        assertThat(book).hasSize(2);
        assertThat(book.get(0).get("symbol").asText()).isEqualTo("ETHUSDT");
        assertThat(book.get(1).get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(fieldNames(book.get(0))).containsExactly("symbol", "bidPrice", "bidQty", "askPrice", "askQty");
        assertThat(new BigDecimal(book.get(0).get("bidPrice").asText()))
                .isLessThan(new BigDecimal(book.get(0).get("askPrice").asText()));
    }

    @Test
    void shouldReportEveryDayTickerFieldWhenTwentyFourHourIsAsked() {
        JsonNode t = client.getJson(binance, "/api/v3/ticker/24hr?symbol=ETHUSDT");
        assertThat(fieldNames(t))
                .containsExactly(
                        "symbol",
                        "priceChange",
                        "priceChangePercent",
                        "weightedAvgPrice",
                        "prevClosePrice",
                        "lastPrice",
                        "lastQty",
                        "bidPrice",
                        "bidQty",
                        "askPrice",
                        "askQty",
                        "openPrice",
                        "highPrice",
                        "lowPrice",
                        "volume",
                        "quoteVolume",
                        "openTime",
                        "closeTime",
                        "firstId",
                        "lastId",
                        "count");
        assertThat(t.get("closeTime").asLong()).isEqualTo(clock.millis());
        assertThat(t.get("openTime").asLong()).isEqualTo(clock.millis() - 86_400_000L);
        assertThat(t.get("lastId").asLong() - t.get("firstId").asLong() + 1)
                .isEqualTo(t.get("count").asLong());
        assertThat(t.get("lastPrice").isTextual()).isTrue();
        BigDecimal last = new BigDecimal(t.get("lastPrice").asText());
        assertThat(new BigDecimal(t.get("highPrice").asText())).isGreaterThanOrEqualTo(last);
        assertThat(new BigDecimal(t.get("lowPrice").asText())).isLessThanOrEqualTo(last);
    }

    @Test
    void shouldAnswerInvalidSymbolWhenTheSymbolIsUnknown() {
        HttpResponse<String> response = client.get(binance, "/api/v3/ticker/price?symbol=NOSUCHUSDT");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
    }

    @Test
    void shouldAnswerInvalidSymbolWhenOneOfTheSymbolsIsUnknown() {
        HttpResponse<String> response =
                client.get(binance, "/api/v3/ticker/24hr?symbols=" + SimClient.encode("[\"BTCUSDT\",\"NOSUCHUSDT\"]"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(client.json(response).get("code").asInt()).isEqualTo(-1121);
    }

    @Test
    void shouldAnswerIllegalCharactersWhenSymbolsIsMalformed() {
        HttpResponse<String> response =
                client.get(binance, "/api/v3/ticker/price?symbols=" + SimClient.encode("BTCUSDT,ETHUSDT"));
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = client.json(response);
        assertThat(error.get("code").asInt()).isEqualTo(-1100);
        assertThat(error.get("msg").asText()).startsWith("Illegal characters found in parameter 'symbols'; ");
    }

    @Test
    void shouldAnswerIllegalCharactersWhenTheSymbolIsLowerCase() {
        HttpResponse<String> response = client.get(binance, "/api/v3/ticker/price?symbol=btcusdt");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(client.json(response).get("code").asInt()).isEqualTo(-1100);
    }

    @Test
    void shouldAnswer404InBinanceStyleWhenThePathIsUnknown() {
        HttpResponse<String> response = client.get(binance, "/api/v3/nothing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(client.json(response).has("code")).isTrue();
        assertThat(client.json(response).has("msg")).isTrue();
    }

    @Test
    void shouldReportTheUsedWeightOnEveryAnswerWhenRequestsAreWeighed() {
        assertThat(usedWeight(client.get(binance, "/api/v3/ticker/price?symbol=BTCUSDT")))
                .isEqualTo(2);
        assertThat(usedWeight(client.get(binance, "/api/v3/ticker/bookTicker"))).isEqualTo(6);
        assertThat(usedWeight(client.get(binance, "/api/v3/ticker/24hr"))).isEqualTo(86);
        assertThat(usedWeight(client.get(binance, "/api/v3/ticker/24hr?symbols=" + SimClient.encode("[\"BTCUSDT\"]"))))
                .isEqualTo(88);
        assertThat(usedWeight(client.get(binance, "/api/v3/ticker/price?symbol=NOSUCHUSDT")))
                .isEqualTo(90);
        clock.advance(Duration.ofSeconds(61));
        assertThat(usedWeight(client.get(binance, "/api/v3/ticker/price"))).isEqualTo(4);
    }

    @Test
    void shouldAnswer429WithRetryAfterAndThen418WhenTheClientIgnoresTheLimit() throws IOException {
        sim.close();
        sim = ExchangeSim.start(SimConfig.defaults()
                .withEphemeralPorts()
                .withClock(clock)
                .withRateLimits(RateLimits.DEFAULT.withBinance(8, Duration.ofSeconds(120))));
        binance = sim.baseUri(ExchangeId.BINANCE);
        assertThat(client.get(binance, "/api/v3/ticker/price").statusCode()).isEqualTo(200);
        assertThat(client.get(binance, "/api/v3/ticker/price").statusCode()).isEqualTo(200);

        HttpResponse<String> limited = client.get(binance, "/api/v3/ticker/price");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(usedWeight(limited)).isEqualTo(8);
        assertThat(client.json(limited).get("code").asInt()).isEqualTo(-1003);
        assertThat(client.json(limited).get("msg").asText()).startsWith("Too much request weight used; ");

        assertThat(client.get(binance, "/api/v3/ticker/price").statusCode()).isEqualTo(429);
        assertThat(client.get(binance, "/api/v3/ticker/price").statusCode()).isEqualTo(429);
        HttpResponse<String> banned = client.get(binance, "/api/v3/ticker/price");
        assertThat(banned.statusCode()).isEqualTo(418);
        assertThat(banned.headers().firstValue("Retry-After")).hasValue("120");
        assertThat(client.json(banned).get("code").asInt()).isEqualTo(-1003);
        assertThat(sim.rateLimitedCount(ExchangeId.BINANCE)).isEqualTo(4);

        clock.advance(Duration.ofSeconds(121));
        assertThat(client.get(binance, "/api/v3/ticker/price").statusCode()).isEqualTo(200);
    }

    private static long usedWeight(HttpResponse<String> response) {
        return Long.parseLong(
                response.headers().firstValue("X-MBX-USED-WEIGHT-1M").orElseThrow());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
