package io.pricewire.sim;

import static io.pricewire.sim.BinanceApiTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.testkit.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OkxApiTest {
    private static final String[] FIELDS = {
        "instType",
        "instId",
        "last",
        "lastSz",
        "askPx",
        "askSz",
        "bidPx",
        "bidSz",
        "open24h",
        "high24h",
        "low24h",
        "volCcy24h",
        "vol24h",
        "ts",
        "sodUtc0",
        "sodUtc8"
    };

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00.456Z");
    private final SimClient client = new SimClient();
    private ExchangeSim sim;
    private URI okx;

    @BeforeEach
    void start() throws IOException {
        sim = ExchangeSim.start(SteppedSim.at(clock));
        okx = sim.baseUri(ExchangeId.OKX);
    }

    @AfterEach
    void stop() {
        sim.close();
        client.close();
    }

    @Test
    void shouldAnswerEverySpotInstrumentWhenTickersIsAskedForSpot() {
        JsonNode body = client.getJson(okx, "/api/v5/market/tickers?instType=SPOT");
        assertThat(body.get("code").asText()).isEqualTo("0");
        assertThat(body.get("msg").asText()).isEmpty();
        long listed = AssetUniverse.loadDefault().all().stream()
                .filter(a -> a.listingOn(ExchangeId.OKX).isPresent())
                .count();
        assertThat(body.get("data").size()).isEqualTo((int) listed);
        for (JsonNode t : body.get("data")) {
            assertThat(fieldNames(t)).containsExactlyInAnyOrder(FIELDS);
            t.fields()
                    .forEachRemaining(f ->
                            assertThat(f.getValue().isTextual()).as(f.getKey()).isTrue());
            assertThat(t.get("ts").asText()).isEqualTo(Long.toString(clock.millis()));
        }
    }

    @Test
    void shouldAnswerOneTickerInTheDataArrayWhenTickerIsAskedForAnInstrument() {
        JsonNode body = client.getJson(okx, "/api/v5/market/ticker?instId=BTC-USDT");
        assertThat(body.get("code").asText()).isEqualTo("0");
        assertThat(body.get("data")).hasSize(1);
        assertThat(body.get("data").get(0).get("instId").asText()).isEqualTo("BTC-USDT");
        assertThat(body.get("data").get(0).get("instType").asText()).isEqualTo("SPOT");
    }

    @Test
    void shouldAnswerInstrumentDoesNotExistWithStatus200WhenTheInstrumentIsUnknown() {
        HttpResponse<String> response = client.get(okx, "/api/v5/market/ticker?instId=NOSUCH-USDT");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"code\":\"51001\",\"msg\":\"Instrument ID does not exist\",\"data\":[]}");
    }

    @Test
    void shouldAnswerAParameterErrorWhenInstTypeIsMissing() {
        HttpResponse<String> response = client.get(okx, "/api/v5/market/tickers");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(client.json(response).get("code").asText()).isEqualTo("50014");
    }

    @Test
    void shouldAnswer429AfterTwentyRequestsWhenTheWindowIsTwoSeconds() {
        for (int i = 0; i < 20; i++) {
            assertThat(client.get(okx, "/api/v5/market/ticker?instId=ETH-USDT").statusCode())
                    .as("request %d", i)
                    .isEqualTo(200);
        }
        HttpResponse<String> limited = client.get(okx, "/api/v5/market/ticker?instId=ETH-USDT");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo("{\"code\":\"50011\",\"msg\":\"Too Many Requests\"}");

        clock.advance(Duration.ofSeconds(2));
        assertThat(client.get(okx, "/api/v5/market/ticker?instId=ETH-USDT").statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldAnswer404InOkxStyleWhenThePathIsUnknown() {
        HttpResponse<String> response = client.get(okx, "/api/v5/market/nothing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(client.json(response).has("code")).isTrue();
    }
}
