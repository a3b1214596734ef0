package io.pricewire.service.outage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.Meters;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import io.pricewire.sim.Fault;
import io.pricewire.sim.FaultMode;
import io.pricewire.testkit.Await;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every exchange down: the last known prices are served, flagged stale, and never replaced by empty results. */
@TimingSensitive
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllExchangesDownTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(Map.of(
                "pricewire.tiers.hot-interval", "1s",
                "pricewire.tiers.medium-interval", "3s"));
    }

    @Test
    void shouldServeTheLastKnownPriceAsStaleAndAnswer503OnRefreshWhenEveryExchangeIsDown() {
        Http http = new Http(server.getURI());
        http.awaitReady();
        try {
            for (ExchangeId e : ExchangeId.values()) {
                TestStack.sim().setFault(e, new Fault(FaultMode.DOWN, null, null));
            }
            JsonNode before = lastLanded(http, registry);
            Await.until(
                    "BTC to be reported stale",
                    Duration.ofSeconds(15),
                    () -> http.get("/v1/prices/BTC").json().get("stale").asBoolean());
            JsonNode during = http.get("/v1/prices/BTC").json();
            assertThat(during.get("price").asText())
                    .isEqualTo(before.get("price").asText());
            assertThat(during.get("timestamp").asText())
                    .isEqualTo(before.get("timestamp").asText());
            assertThat(during.get("ageMs").asLong()).isGreaterThan(2_000);

            Http.Answer refresh = http.send(http.request("/v1/prices/BTC/refresh")
                    .header("X-Api-Key", TestStack.API_KEY)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(refresh.status()).as(refresh.body()).isEqualTo(503);
            assertThat(refresh.json().get("error").asText()).isEqualTo("unavailable");
            assertThat(refresh.json().get("price").get("price").asText())
                    .isEqualTo(before.get("price").asText());
            assertThat(refresh.json().get("price").get("stale").asBoolean()).isTrue();
        } finally {
            TestStack.sim().clearAllFaults();
        }
        Await.until(
                "fresh prices again after the exchanges return",
                Duration.ofSeconds(40),
                () -> !http.get("/v1/prices/BTC").json().get("stale").asBoolean());
    }

    /**
     * BTC's price once no refresh lands any more: a hot cycle already under way when the exchanges
     * went down (1 s interval, 0.6 s budget) may still store what it fetched just before. Cycles of
     * a tier never overlap, so once two more have finished, the second began after the exchanges
     * went down, and whatever the first stored is the last price.
     */
    private static JsonNode lastLanded(Http http, MeterRegistry registry) {
        double before = Meters.refreshes(registry, "hot");
        Await.until(
                "two hot cycles since the exchanges went down",
                Duration.ofSeconds(15),
                () -> Meters.refreshes(registry, "hot") >= before + 2);
        return http.get("/v1/prices/BTC").json();
    }
}
