package io.pricewire.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.exchange.ExchangeId;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlApiTest extends SteppedSimTest {
    private URI control;

    ControlApiTest() {
        super("2026-03-01T12:00:00Z", UnaryOperator.identity());
    }

    @BeforeEach
    void readControlUri() {
        control = sim.controlUri();
    }

    @Test
    void shouldAnswerTheHiddenPriceWhenTruthIsAskedForAKnownSymbol() {
        HttpResponse<String> response = client.get(control, "/truth/btc");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode truth = client.json(response);
        assertThat(truth.get("symbol").asText()).isEqualTo("BTC");
        assertThat(new BigDecimal(truth.get("price").asText())).isEqualByComparingTo(sim.truePrice("BTC"));
        assertThat(truth.get("timestamp").asText()).isEqualTo("2026-03-01T12:00:00Z");
    }

    @Test
    void shouldAnswer404JsonWhenTruthIsAskedForAnUnknownSymbol() {
        HttpResponse<String> response = client.get(control, "/truth/NOSUCH");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(client.json(response).get("error").asText()).isEqualTo("unknown_symbol");
        assertThat(client.json(response).get("message").asText()).contains("NOSUCH");
    }

    @Test
    void shouldSetEchoListAndClearAFaultWhenTheControlApiIsUsed() {
        HttpResponse<String> put =
                client.send("PUT", control, "/faults/binance", "{\"mode\":\"slow\",\"latencyMs\":1500}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("{\"exchange\":\"binance\",\"mode\":\"slow\",\"latencyMs\":1500}");
        assertThat(sim.activeFaults()).containsEntry(ExchangeId.BINANCE, new Fault(FaultMode.SLOW, 1500L, null));

        client.send("PUT", control, "/faults/okx", "{\"mode\":\"outlier\"}");
        JsonNode faults = client.getJson(control, "/faults").get("faults");
        assertThat(faults).hasSize(2);
        assertThat(faults.get(1).get("factor").asDouble()).isEqualTo(10.0);

        assertThat(client.send("DELETE", control, "/faults/binance", null).statusCode())
                .isEqualTo(204);
        assertThat(sim.activeFaults()).containsOnlyKeys(ExchangeId.OKX);
        assertThat(client.send("DELETE", control, "/faults", null).statusCode()).isEqualTo(204);
        assertThat(client.getJson(control, "/faults").get("faults")).isEmpty();
    }

    @Test
    void shouldTakeAnExchangeDownWhenDownIsPut() {
        client.send("PUT", control, "/faults/kraken", "{\"mode\":\"down\"}");
        JsonNode health = client.getJson(control, "/health");
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("exchanges").get("kraken").asText()).isEqualTo("DOWN");
        assertThat(health.get("exchanges").get("okx").asText()).isEqualTo("UP");
    }

    @Test
    void shouldAnswer400WhenTheFaultBodyIsInvalid() {
        assertBadRequest("not json");
        assertBadRequest("[]");
        assertBadRequest("{}");
        assertBadRequest("{\"mode\":\"explode\"}");
        assertBadRequest("{\"mode\":\"slow\",\"latencyMs\":-1}");
        assertBadRequest("{\"mode\":\"slow\",\"latencyMs\":\"soon\"}");
        assertBadRequest("{\"mode\":\"outlier\",\"factor\":0}");
        assertBadRequest("{\"mode\":\"slow\",\"latency\":100}");
        assertThat(sim.activeFaults()).isEmpty();
    }

    @Test
    void shouldAnswer404WhenTheExchangeIsUnknown() {
        HttpResponse<String> response = client.send("PUT", control, "/faults/mtgox", "{\"mode\":\"down\"}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(client.json(response).get("error").asText()).isEqualTo("unknown_exchange");
    }

    @Test
    void shouldAnswer405WithAllowWhenTheMethodIsWrong() {
        HttpResponse<String> response = client.send("POST", control, "/faults/binance", "{\"mode\":\"down\"}");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("PUT, DELETE");
        assertThat(client.json(response).get("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void shouldAnswer404JsonWhenThePathIsUnknown() {
        HttpResponse<String> response = client.get(control, "/nothing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(client.json(response).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void shouldCountRequestsPerExchangeAndResetWhenStatsAreUsed() {
        client.get(sim.baseUri(ExchangeId.COINBASE), "/products/BTC-USD/ticker");
        client.get(sim.baseUri(ExchangeId.COINBASE), "/products/ETH-USD/ticker");
        client.get(sim.baseUri(ExchangeId.OKX), "/api/v5/market/ticker?instId=BTC-USDT");
        sim.setFault(ExchangeId.KRAKEN, Fault.rateLimit());
        client.get(sim.baseUri(ExchangeId.KRAKEN), "/0/public/Ticker");

        JsonNode stats = client.getJson(control, "/stats");
        assertThat(stats.get("requests").get("coinbase").asLong()).isEqualTo(2);
        assertThat(stats.get("requests").get("okx").asLong()).isEqualTo(1);
        assertThat(stats.get("requests").get("binance").asLong()).isZero();
        assertThat(stats.get("rateLimited").get("kraken").asLong()).isEqualTo(1);
        assertThat(sim.requestCount(ExchangeId.COINBASE)).isEqualTo(2);

        assertThat(client.send("POST", control, "/stats/reset", null).statusCode())
                .isEqualTo(204);
        assertThat(client.getJson(control, "/stats")
                        .get("requests")
                        .get("coinbase")
                        .asLong())
                .isZero();
        assertThat(sim.requestCount(ExchangeId.COINBASE)).isZero();
    }

    @Test
    void shouldSetTheSilentFaultAndCountStreamsWhenTheControlApiIsUsed() {
        HttpResponse<String> put = client.send("PUT", control, "/faults/okx", "{\"mode\":\"silent\"}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("{\"exchange\":\"okx\",\"mode\":\"silent\"}");
        assertThat(sim.activeFaults()).containsEntry(ExchangeId.OKX, Fault.silent());

        JsonNode stats = client.getJson(control, "/stats");
        assertThat(stats.get("streamConnections").get("okx").asLong()).isZero();
        assertThat(stats.get("streamMessages").get("binance").asLong()).isZero();
    }

    @Test
    void shouldEchoTheDelistedPairAndListItWhenAPairIsDelistedThenRelisted() {
        HttpResponse<String> delisted = client.send("POST", control, "/listings/kraken/delist?symbol=btc", null);
        assertThat(delisted.statusCode()).isEqualTo(200);
        assertThat(delisted.body())
                .isEqualTo("{\"exchange\":\"kraken\",\"symbol\":\"BTC\",\"pair\":\"XBTUSD\",\"listed\":false}");
        // delisting twice changes nothing
        assertThat(client.send("POST", control, "/listings/kraken/delist?symbol=BTC", null)
                        .statusCode())
                .isEqualTo(200);
        client.send("POST", control, "/listings/binance/delist?symbol=ETH", null);
        assertThat(client.get(control, "/listings").body())
                .isEqualTo("{\"delisted\":["
                        + "{\"exchange\":\"binance\",\"symbol\":\"ETH\",\"pair\":\"ETHUSDT\"},"
                        + "{\"exchange\":\"kraken\",\"symbol\":\"BTC\",\"pair\":\"XBTUSD\"}]}");

        HttpResponse<String> relisted = client.send("POST", control, "/listings/kraken/relist?symbol=BTC", null);
        assertThat(relisted.statusCode()).isEqualTo(200);
        assertThat(relisted.body())
                .isEqualTo("{\"exchange\":\"kraken\",\"symbol\":\"BTC\",\"pair\":\"XBTUSD\",\"listed\":true}");
        assertThat(sim.delistedPairs()).containsOnlyKeys(ExchangeId.BINANCE);
    }

    @Test
    void shouldAnswerAClearJsonErrorWhenADelistingCallIsWrong() {
        assertListingError("POST", "/listings/binance/delist", 400, "invalid_request");
        assertListingError("POST", "/listings/binance/delist?symbol=", 400, "invalid_request");
        assertListingError("POST", "/listings/binance/delist?symbol=BTC-USD", 400, "invalid_request");
        assertListingError("POST", "/listings/binance/delist?symbol=BTC&symbol=ETH", 400, "invalid_request");
        assertListingError("POST", "/listings/binance/delist?symbol=NOSUCH", 404, "unknown_symbol");
        // USDT is in the universe, but Binance quotes in USDT and has no USDT pair
        assertListingError("POST", "/listings/binance/delist?symbol=USDT", 404, "not_listed");
        assertListingError("POST", "/listings/mtgox/delist?symbol=BTC", 404, "unknown_exchange");
        assertListingError("POST", "/listings/binance/suspend?symbol=BTC", 404, "not_found");
        assertListingError("POST", "/listings/binance", 404, "not_found");
        assertListingError("GET", "/listings/binance/delist?symbol=BTC", 405, "method_not_allowed");
        assertListingError("POST", "/listings", 405, "method_not_allowed");
        assertThat(sim.delistedPairs()).isEmpty();
    }

    private void assertListingError(String method, String pathAndQuery, int status, String code) {
        HttpResponse<String> response = client.send(method, control, pathAndQuery, null);
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(status);
        JsonNode error = client.json(response);
        assertThat(error.get("error").asText()).as(pathAndQuery).isEqualTo(code);
        assertThat(error.get("message").asText()).as(pathAndQuery).isNotBlank();
    }

    private void assertBadRequest(String body) {
        HttpResponse<String> response = client.send("PUT", control, "/faults/binance", body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        JsonNode error = client.json(response);
        assertThat(error.get("error").asText()).isEqualTo("invalid_request");
        assertThat(error.get("message").asText()).isNotBlank();
    }
}
