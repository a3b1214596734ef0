package io.pricewire.sim;

import static io.pricewire.sim.BinanceApiTest.fieldNames;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KrakenApiTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private final SimClient client = new SimClient();
    private ExchangeSim sim;
    private URI kraken;

    @BeforeEach
    void start() throws IOException {
        sim = ExchangeSim.start(SteppedSim.at(clock));
        kraken = sim.baseUri(ExchangeId.KRAKEN);
    }

    @AfterEach
    void stop() {
        sim.close();
        client.close();
    }

    @Test
    void shouldKeyTheResultByKrakensOwnPairNameWhenPairsAreRequested() {
        HttpResponse<String> response = client.get(kraken, "/0/public/Ticker?pair=XBTUSD,ETHUSD,SOLUSD");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = client.json(response);
        assertThat(body.get("error")).isEmpty();
        assertThat(fieldNames(body.get("result"))).containsExactlyInAnyOrder("XXBTZUSD", "XETHZUSD", "SOLUSD");
        JsonNode btc = body.get("result").get("XXBTZUSD");
        assertThat(fieldNames(btc)).containsExactly("a", "b", "c", "v", "p", "t", "l", "h", "o");
        assertThat(btc.get("a")).hasSize(3);
        assertThat(btc.get("b")).hasSize(3);
        assertThat(btc.get("c")).hasSize(2);
        assertThat(btc.get("t").get(0).isIntegralNumber()).isTrue();
        assertThat(btc.get("o").isTextual()).isTrue();
        assertThat(new BigDecimal(btc.get("c").get(0).asText()))
                .isBetween(new BigDecimal("90000"), new BigDecimal("100000"));
        assertThat(new BigDecimal(btc.get("b").get(0).asText()))
                .isLessThan(new BigDecimal(btc.get("a").get(0).asText()));
    }

    @Test
    void shouldAnswerEveryKrakenPairWhenNoPairIsGiven() {
        JsonNode result = client.getJson(kraken, "/0/public/Ticker").get("result");
        long listed = AssetUniverse.loadDefault().all().stream()
                .filter(a -> a.listingOn(ExchangeId.KRAKEN).isPresent())
                .count();
        assertThat(result.size()).isEqualTo((int) listed);
        assertThat(fieldNames(result)).contains("XXBTZUSD", "USDTZUSD", "XDGUSD");
    }

    @Test
    void shouldAnswerUnknownAssetPairWithStatus200WhenOnePairIsUnknown() {
        HttpResponse<String> response = client.get(kraken, "/0/public/Ticker?pair=XBTUSD,NOSUCHUSD");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"error\":[\"EQuery:Unknown asset pair\"]}");
    }

    @Test
    void shouldAnswerTooManyRequestsWithStatus200WhenTheCounterPassesFifteen() {
        for (int i = 0; i < 15; i++) {
            assertThat(client.getJson(kraken, "/0/public/Ticker?pair=XBTUSD").get("error"))
                    .as("call %d", i)
                    .isEmpty();
        }
        HttpResponse<String> limited = client.get(kraken, "/0/public/Ticker?pair=XBTUSD");
        assertThat(limited.statusCode()).isEqualTo(200);
        assertThat(limited.body()).isEqualTo("{\"error\":[\"EGeneral:Too many requests\"]}");
        assertThat(sim.rateLimitedCount(ExchangeId.KRAKEN)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(client.getJson(kraken, "/0/public/Ticker?pair=XBTUSD").get("error"))
                .isEmpty();
    }

    @Test
    void shouldAnswerUnknownMethodWhenThePathIsUnknown() {
        HttpResponse<String> response = client.get(kraken, "/0/public/Nothing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(client.json(response).get("error").get(0).asText()).isEqualTo("EGeneral:Unknown method");
    }
}
