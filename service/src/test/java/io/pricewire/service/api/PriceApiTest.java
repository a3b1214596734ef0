package io.pricewire.service.api;

import static io.pricewire.service.support.Http.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every price endpoint and every error code of docs/architecture.md §5, over real HTTP, Redis, dynalite and exchange-sim. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PriceApiTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    Http http;

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties();
    }

    @BeforeEach
    void client() {
        http = new Http(server.getURI());
        // as behind a load balancer: before readiness a price not yet warmed up is a miss whose exchanges the
        // warm-up is still using, and a batch would list it as unknown
        http.awaitReady();
    }

    @Test
    void shouldAnswerTheDocumentedPriceJsonWhenAskedForOneSymbol() {
        Http.Answer a = http.get("/v1/prices/btc");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("application/json");
        JsonNode p = a.json();
        assertThat(p.get("symbol").asText()).isEqualTo("BTC");
        assertThat(p.get("currency").asText()).isEqualTo("USD");
        assertThat(p.get("price").isTextual()).isTrue();
        assertThat(p.get("timestamp").asText()).endsWith("Z");
        assertThat(p.get("ageMs").isIntegralNumber()).isTrue();
        assertThat(p.get("tier").asText()).isEqualTo("hot");
        assertThat(p.get("status").asText()).isIn("ok", "degraded");
        assertThat(p.get("stale").isBoolean()).isTrue();
        assertThat(p.get("sources")).isNotEmpty();
        assertThat(p.get("sources").get(0).get("exchange").asText()).isIn("binance", "coinbase", "kraken", "okx");
        assertThat(p.get("rejected").isArray()).isTrue();
        BigDecimal truth = TestStack.sim().truePrice("BTC");
        assertThat(new BigDecimal(p.get("price").asText()).subtract(truth).abs().divide(truth, MathContext.DECIMAL64))
                .isLessThan(new BigDecimal("0.01"));
    }

    @Test
    void shouldRejectBadSymbolsBeforeAnyLookup() {
        assertError(http.get("/v1/prices/BTC$"), 400, "invalid_symbol");
        assertError(http.get("/v1/prices/" + "A".repeat(21)), 400, "invalid_symbol");
        assertError(http.get("/v1/prices/%C3%A9th"), 400, "invalid_symbol");
        assertError(http.get("/v1/prices/NOSUCHCOIN"), 404, "unknown_symbol");
    }

    @Test
    void shouldAnswerKnownAndUnknownSymbolsWhenAskedForABatch() {
        Http.Answer a = http.get("/v1/prices?symbols=eth,BTC,NOSUCHCOIN,eth");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode body = a.json();
        assertThat(body.get("prices")).hasSize(2);
        assertThat(body.get("prices").findValuesAsText("symbol")).containsExactlyInAnyOrder("ETH", "BTC");
        assertThat(body.get("unknown")).hasSize(1);
        assertThat(body.get("unknown").get(0).asText()).isEqualTo("NOSUCHCOIN");
    }

    @Test
    void shouldRefuseEmptyOversizeAndMalformedBatches() {
        assertError(http.get("/v1/prices"), 400, "invalid_request");
        assertError(http.get("/v1/prices?symbols="), 400, "invalid_request");
        assertError(http.get("/v1/prices?symbols=BTC,,ETH"), 400, "invalid_request");
        String hundredAndOne = IntStream.range(0, 101).mapToObj(i -> "S" + i).collect(Collectors.joining(","));
        assertError(http.get("/v1/prices?symbols=" + hundredAndOne), 400, "invalid_request");
        assertError(http.get("/v1/prices?symbols=BTC,E%26TH"), 400, "invalid_symbol");
    }

    @Test
    void shouldRequireTheApiKeyWhenRefreshing() {
        assertError(
                http.send(http.request("/v1/prices/BTC/refresh").POST(HttpRequest.BodyPublishers.noBody())),
                401,
                "unauthorized");
        assertError(
                http.send(http.request("/v1/prices/BTC/refresh")
                        .header("X-Api-Key", "wrong")
                        .POST(HttpRequest.BodyPublishers.noBody())),
                401,
                "unauthorized");
        assertError(
                http.send(http.request("/v1/prices/NOSUCHCOIN/refresh")
                        .header("X-Api-Key", TestStack.API_KEY)
                        .POST(HttpRequest.BodyPublishers.noBody())),
                404,
                "unknown_symbol");
        Http.Answer ok = http.send(http.request("/v1/prices/eth/refresh")
                .header("X-Api-Key", TestStack.API_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("symbol").asText()).isEqualTo("ETH");
        assertThat(ok.json().get("ageMs").asLong()).isLessThan(5_000);
    }

    @Test
    void shouldListAssetsInRankOrderAndFilterByTier() {
        JsonNode all = http.get("/v1/assets").json().get("assets");
        assertThat(all.size()).isGreaterThanOrEqualTo(1000);
        assertThat(all.get(0).get("symbol").asText()).isEqualTo("BTC");
        assertThat(all.get(0).get("id").asText()).isEqualTo("bitcoin");
        assertThat(all.get(0).get("name").asText()).isEqualTo("Bitcoin");
        assertThat(all.get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(http.get("/v1/assets?tier=hot").json().get("assets")).hasSize(20);
        assertThat(http.get("/v1/assets?tier=medium").json().get("assets")).hasSize(180);
        assertThat(http.get("/v1/assets?tier=cold")
                        .json()
                        .get("assets")
                        .get(0)
                        .get("rank")
                        .asInt())
                .isEqualTo(201);
        assertError(http.get("/v1/assets?tier=lukewarm"), 400, "invalid_request");
    }

    @Test
    void shouldAnswerJsonNotHtmlForUnknownPathsAndWrongMethods() {
        assertError(
                http.send(http.request("/nope").header("Accept", "text/html").GET()), 404, "not_found");
        assertError(http.get("/v1/prices/BTC/extra"), 404, "not_found");
        assertError(http.send(http.request("/v1/prices/BTC").DELETE()), 405, "method_not_allowed");
        assertError(
                http.send(http.request("/v1/prices/BTC/refresh")
                        .header("X-Api-Key", TestStack.API_KEY)
                        .GET()),
                405,
                "method_not_allowed");
    }

    @Test
    void shouldServeHealthMetricsAndTheOpenApiDocument() {
        assertThat(http.get("/health").status()).isIn(200, 503);
        assertThat(http.get("/health/readiness").status()).isIn(200, 503);
        http.get("/v1/prices/BTC");
        Http.Answer metrics = http.get("/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("pricewire_cache_requests_total").contains("http_server_requests_seconds");
        Http.Answer openapi = http.get("/openapi.yml");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body())
                .startsWith("openapi: 3")
                .contains("/v1/prices/{symbol}")
                .contains("/v1/assets");
    }
}
