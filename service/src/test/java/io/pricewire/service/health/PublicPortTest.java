package io.pricewire.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.core.asset.Asset;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.testkit.Await;
import io.pricewire.testkit.FreePort;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the public port shows with management on its own port, as deployed: the API, the OpenAPI
 * document and a bare health answer for the load balancer — never the metrics or the health
 * details — the {@code Cache-Control} an edge cache acts on, and the dashboard: its page under a strict
 * Content-Security-Policy, its assets, and the public status summary it shows.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicPortTest implements TestPropertyProvider {
    private final int managementPort = FreePort.find();

    @Inject
    EmbeddedServer server;

    Http api;
    Http management;

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(Map.of("endpoints.all.port", Integer.toString(managementPort)));
    }

    @BeforeAll
    void ready() {
        api = new Http(server.getURI());
        management = new Http(URI.create("http://127.0.0.1:" + managementPort));
        Await.until(
                "readiness on the management port",
                Duration.ofSeconds(60),
                () -> management.get("/health/readiness").status() == 200);
    }

    @Test
    void shouldServeMetricsAndHealthDetailsOnlyOnTheManagementPortWhenItIsSet() {
        assertThat(management.get("/prometheus").status()).isEqualTo(200);
        assertThat(management.get("/health/readiness").body()).contains("\"dependencies\"");
        for (String path : List.of("/prometheus", "/health", "/health/readiness", "/health/liveness")) {
            Http.Answer a = api.get(path);
            assertThat(a.status()).as(path + " on the public port: " + a.body()).isEqualTo(404);
            assertThat(a.json().get("error").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void shouldAnswerTheLoadBalancersHealthCheckAndTheApiOnThePublicPort() {
        Http.Answer health = api.get("/healthz");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(health.cacheControl()).isEqualTo("no-store");
        assertThat(api.get("/openapi.yml").status()).isEqualTo(200);
        assertThat(api.get("/v1/prices/BTC").status()).isEqualTo(200);
    }

    @Test
    void shouldLetEdgeCachesKeepEachPriceForItsTiersTimeAndNoErrorAtAll() {
        List<Asset> all = TestStack.universe().all();
        String cold = all.get(all.size() - 1).symbol();
        assertThat(api.get("/v1/prices/BTC").cacheControl()).isEqualTo("public, max-age=1");
        assertThat(api.get("/v1/prices/" + cold).cacheControl()).isEqualTo("public, max-age=30");
        assertThat(api.get("/v1/prices?symbols=" + cold + ",BTC").cacheControl())
                .as("a batch is kept no longer than its hottest price allows")
                .isEqualTo("public, max-age=1");
        assertThat(api.get("/v1/prices?symbols=" + cold).cacheControl()).isEqualTo("public, max-age=30");
        assertThat(api.get("/v1/prices/NOSUCHCOIN").cacheControl()).isEqualTo("no-store");
        assertThat(api.get("/v1/prices/BTC$").cacheControl()).isEqualTo("no-store");
        assertThat(api.get("/v1/prices?symbols=").cacheControl()).isEqualTo("no-store");
    }

    @Test
    void shouldSummariseTheSystemsHealthOnThePublicPort() {
        for (int i = 0; i < 5; i++) {
            api.get("/v1/assets?tier=hot");
        }
        Http.Answer answer = api.get("/v1/status");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.cacheControl()).isEqualTo("no-store");
        JsonNode status = answer.json();
        assertThat(status.get("ready").asBoolean()).isTrue();
        assertThat(status.at("/dependencies/redis").asText()).isEqualTo("UP");
        assertThat(status.at("/dependencies/dynamodb").asText()).isEqualTo("UP");
        assertThat(status.get("requestsPerSecond").asDouble())
                .as("the readiness polls and the GETs above")
                .isPositive();
        List<String> tiers = new ArrayList<>();
        status.get("tiers")
                .forEach(t -> tiers.add(
                        t.get("tier").asText() + " " + t.get("limitMs").asLong()));
        assertThat(tiers)
                .as("each tier's limit: twice its interval")
                .containsExactly("hot 10000", "medium 60000", "cold 600000");
        assertThat(status.at("/tiers/0/fresh").asBoolean())
                .as("the warm-up priced the hot tier: " + status.get("tiers"))
                .isTrue();
        List<String> exchanges = new ArrayList<>();
        status.get("exchanges")
                .forEach(e -> exchanges.add(e.get("exchange").asText() + " "
                        + e.get("circuit").asText() + " " + e.get("stream").asText()));
        assertThat(exchanges)
                .as("the tests' stack runs no exchange streams")
                .containsExactly(
                        "binance closed disabled",
                        "coinbase closed disabled",
                        "kraken closed disabled",
                        "okx closed disabled");
    }

    @Test
    void shouldServeTheDashboardUnderAStrictContentSecurityPolicy() throws IOException, InterruptedException {
        for (String path : List.of("/", "/dashboard")) {
            HttpResponse<String> page = raw(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
            assertThat(page.headers().firstValue("content-security-policy").orElse(""))
                    .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'")
                    .doesNotContain("unsafe-inline");
            assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
            assertThat(page.body())
                    .contains("/dashboard/assets/app.js", "/dashboard/assets/app.css")
                    .as("no inline script or style, which the policy would block")
                    .doesNotContain("<script>", "<style", "style=\"", "onclick");
        }
        Map<String, String> assets = Map.of(
                "/dashboard/assets/app.js", "javascript",
                "/dashboard/assets/chart.js", "javascript",
                "/dashboard/assets/app.css", "text/css");
        for (var asset : assets.entrySet()) {
            HttpResponse<String> served = raw(asset.getKey());
            assertThat(served.statusCode()).as(asset.getKey()).isEqualTo(200);
            assertThat(served.headers().firstValue("content-type").orElse(""))
                    .as("the edge sends nosniff: a script must be served as one")
                    .contains(asset.getValue());
        }
        Http.assertError(api.get("/dashboard/assets/nope.js"), 404, "not_found");
    }

    private HttpResponse<String> raw(String path) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(server.getURI().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
