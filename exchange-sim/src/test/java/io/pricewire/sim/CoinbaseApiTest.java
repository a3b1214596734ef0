package io.pricewire.sim;

import static io.pricewire.sim.BinanceApiTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.testkit.MutableClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoinbaseApiTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00.120Z");
    private final SimClient client = new SimClient();
    private ExchangeSim sim;
    private URI coinbase;

    @BeforeEach
    void start() throws IOException {
        sim = ExchangeSim.start(SteppedSim.at(clock));
        coinbase = sim.baseUri(ExchangeId.COINBASE);
    }

    @AfterEach
    void stop() {
        sim.close();
        client.close();
    }

    @Test
    void shouldAnswerTheTickerShapeWhenTheProductIsListed() {
        HttpResponse<String> response = client.get(coinbase, "/products/BTC-USD/ticker");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode t = client.json(response);
        assertThat(fieldNames(t)).containsExactly("ask", "bid", "volume", "trade_id", "price", "size", "time");
        for (String field : new String[] {"ask", "bid", "volume", "price", "size", "time"}) {
            assertThat(t.get(field).isTextual()).as(field).isTrue();
        }
        assertThat(t.get("trade_id").isIntegralNumber()).isTrue();
        assertThat(t.get("time").asText()).isEqualTo("2026-03-01T12:00:00.120Z");
        assertThat(Instant.parse(t.get("time").asText())).isEqualTo(clock.instant());
        assertThat(new BigDecimal(t.get("bid").asText()))
                .isLessThan(new BigDecimal(t.get("ask").asText()));
    }

    @Test
    void shouldQuoteTetherInUsdWhenTheProductIsUsdtUsd() {
        JsonNode t = client.getJson(coinbase, "/products/USDT-USD/ticker");
        assertThat(new BigDecimal(t.get("price").asText())).isBetween(new BigDecimal("0.995"), new BigDecimal("1.005"));
    }

    @Test
    void shouldAnswerNotFoundWhenTheProductIsUnknown() {
        HttpResponse<String> response = client.get(coinbase, "/products/NOSUCH-USD/ticker");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"NotFound\"}");
    }

    @Test
    void shouldAnswerNotFoundWhenTheAssetIsNotListedOnCoinbase() {
        // BNB is in the universe but has no Coinbase listing
        assertThat(client.get(coinbase, "/products/BNB-USD/ticker").statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldAnswerNotFoundWhenThePathIsUnknown() {
        HttpResponse<String> response = client.get(coinbase, "/products/BTC-USD/candles/nothing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(client.json(response).get("message").asText()).isEqualTo("NotFound");
    }

    @Test
    void shouldAnswer429AfterABurstOfFifteenWhenTheClientCallsTooFast() {
        for (int i = 0; i < 15; i++) {
            assertThat(client.get(coinbase, "/products/BTC-USD/ticker").statusCode())
                    .as("request %d", i)
                    .isEqualTo(200);
        }
        HttpResponse<String> limited = client.get(coinbase, "/products/BTC-USD/ticker");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo("{\"message\":\"Public rate limit exceeded\"}");
        assertThat(sim.rateLimitedCount(ExchangeId.COINBASE)).isEqualTo(1);

        clock.advance(Duration.ofMillis(200));
        assertThat(client.get(coinbase, "/products/BTC-USD/ticker").statusCode())
                .isEqualTo(200);
        assertThat(client.get(coinbase, "/products/BTC-USD/ticker").statusCode())
                .isEqualTo(200);
        assertThat(client.get(coinbase, "/products/BTC-USD/ticker").statusCode())
                .isEqualTo(429);
    }
}
