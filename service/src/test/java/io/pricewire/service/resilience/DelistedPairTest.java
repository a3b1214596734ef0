package io.pricewire.service.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import io.pricewire.testkit.Await;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A pair an exchange delists while the service runs: Binance and Kraken answer a list call that
 * names it with an error for the whole call. The hot ticker must isolate that one pair and keep
 * taking the exchange's quotes for every other asset of the batch, and the gauge must count it.
 */
@TimingSensitive
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DelistedPairTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(TestStack.FIXED_TIERS, Map.of("pricewire.tiers.hot-interval", "2s"));
    }

    @AfterAll
    void relist() {
        TestStack.sim().relistAll(); // the simulator is shared by every test class of this JVM
    }

    @Test
    void shouldKeepAnExchangesOtherQuotesWhenOnePairOfTheBatchIsDelisted() {
        Http http = new Http(server.getURI());
        http.awaitReady();
        for (ExchangeId exchange : new ExchangeId[] {ExchangeId.BINANCE, ExchangeId.KRAKEN}) {
            assertThat(TestStack.sim().delist(exchange, "SOL"))
                    .as("SOL is listed on " + exchange)
                    .isPresent();
        }
        // a cycle under way while the pairs were delisted may still carry their quotes: look past it (2 s interval)
        Instant delisted = Instant.now();

        Await.until(
                "both exchanges count the delisted pair",
                Duration.ofSeconds(30),
                () -> unlisted("binance") == 1 && unlisted("kraken") == 1);
        Await.until(
                "ETH refreshed after the delisting with the quotes of the exchanges that delisted SOL",
                Duration.ofSeconds(30),
                () -> {
                    JsonNode eth = http.get("/v1/prices/ETH").json();
                    return Instant.parse(eth.get("timestamp").asText()).isAfter(delisted.plusSeconds(3))
                            && exchanges(eth).containsAll(List.of("binance", "kraken"));
                });
        Await.until(
                "SOL refreshed after the delisting from the exchanges that still list it",
                Duration.ofSeconds(30),
                () -> {
                    JsonNode sol = http.get("/v1/prices/SOL").json();
                    return Instant.parse(sol.get("timestamp").asText()).isAfter(delisted.plusSeconds(3));
                });
        JsonNode sol = http.get("/v1/prices/SOL").json();
        assertThat(exchanges(sol))
                .as("SOL from the exchanges that still list it")
                .doesNotContain("binance", "kraken")
                .isNotEmpty();
    }

    private double unlisted(String exchange) {
        var gauge = registry.find("pricewire.exchange.unlisted.pairs")
                .tag("exchange", exchange)
                .gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private static List<String> exchanges(JsonNode price) {
        List<String> out = new ArrayList<>();
        price.get("sources").forEach(s -> out.add(s.get("exchange").asText()));
        return out;
    }
}
