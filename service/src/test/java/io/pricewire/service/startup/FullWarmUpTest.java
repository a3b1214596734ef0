package io.pricewire.service.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.TierBoundaries;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceStatus;
import io.pricewire.core.price.SourcePrice;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.core.store.dynamo.DynamoClients;
import io.pricewire.core.store.dynamo.DynamoPriceStore;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.testkit.SharedServers;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Readiness means every stored price is served from memory: with the whole universe in the table
 * and Redis empty, an instance that reports ready answers every cold asset from its near cache —
 * no table read, no exchange call.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FullWarmUpTest implements TestPropertyProvider {
    private static final Instant SEEDED_AT = Instant.now();

    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry registry;

    @Inject
    WarmUp warmUp;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = TestStack.properties(TestStack.QUIET);
        seed(p.get("pricewire.table"));
        return p;
    }

    /** The table as a cold Lambda run leaves it: a price for every asset. */
    private static void seed(String table) {
        try (DynamoDbClient dynamo =
                DynamoClients.create("us-east-1", SharedServers.dynamoEndpoint(), Duration.ofSeconds(5))) {
            DynamoPriceStore store = new DynamoPriceStore(dynamo, table, OperationTimer.NONE);
            store.createTableIfMissing();
            TierBoundaries boundaries = new TierBoundaries(20, 180);
            for (Asset a : TestStack.universe().all()) {
                BigDecimal price = BigDecimal.valueOf(a.rank()).add(new BigDecimal("0.5"));
                store.putIfNewer(new Price(
                        a.symbol(),
                        "USD",
                        price,
                        SEEDED_AT,
                        boundaries.tierOf(a.rank()),
                        PriceStatus.DEGRADED,
                        List.of(new SourcePrice(ExchangeId.OKX, price, SEEDED_AT)),
                        List.of()));
            }
        }
    }

    @Test
    void shouldAnswerEveryStoredColdAssetFromMemoryOnceReady() {
        Http http = new Http(server.getURI());
        http.awaitReady();
        assertThat(warmUp.status())
                .startsWith("loaded all " + TestStack.universe().size() + " stored prices");
        double storeReads = count("dynamodb") + count("exchange");

        List<Asset> all = TestStack.universe().all();
        List<Asset> cold = all.subList(all.size() - 100, all.size());
        for (Asset a : cold) {
            Http.Answer answer = http.get("/v1/prices/" + a.symbol());
            assertThat(answer.status()).as(a.symbol()).isEqualTo(200);
            assertThat(new BigDecimal(answer.json().get("price").asText()))
                    .isEqualByComparingTo(BigDecimal.valueOf(a.rank()).add(new BigDecimal("0.5")));
            assertThat(answer.json().get("tier").asText()).isEqualTo("cold");
        }
        assertThat(count("dynamodb") + count("exchange"))
                .as("table reads and exchange fetches after readiness")
                .isEqualTo(storeReads);
        assertThat(registry.find("pricewire.cache.requests")
                        .tags("tier", "cold", "layer", "near", "result", "hit")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(cold.size());
    }

    private double count(String layer) {
        return registry.find("pricewire.cache.requests").tag("layer", layer).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
