package io.pricewire.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.core.asset.Asset;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.testkit.Await;
import io.pricewire.testkit.FreePort;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the public port shows with management on its own port, as deployed: the API, the OpenAPI
 * document and a bare health answer for the load balancer — never the metrics or the health
 * details — and the {@code Cache-Control} an edge cache acts on.
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
}
