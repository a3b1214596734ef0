package io.pricewire.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The cache meters move as they should: a hit counts a hit, a miss a miss, each in its tier and layer. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheMetricsTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(TestStack.QUIET);
    }

    @Test
    void shouldCountHitsAndMissesPerTierAndLayer() {
        Http http = new Http(server.getURI());
        http.awaitReady();

        double nearHitsHot = count("hot", "near", "hit");
        assertThat(http.get("/v1/prices/BTC").status()).isEqualTo(200); // warmed: in the near cache
        assertThat(count("hot", "near", "hit")).isEqualTo(nearHitsHot + 1);

        // a cold asset nobody has read: near miss, Redis miss, DynamoDB miss, then fetched from the exchanges
        double nearMissCold = count("cold", "near", "miss");
        double redisMissCold = count("cold", "redis", "miss");
        double dynamoMissCold = count("cold", "dynamodb", "miss");
        double fetchedCold = count("cold", "exchange", "hit");
        long storeGets = storeGets();
        assertThat(http.get("/v1/prices/LONO").status()).isEqualTo(200);
        assertThat(count("cold", "near", "miss")).isEqualTo(nearMissCold + 1);
        assertThat(count("cold", "redis", "miss")).isEqualTo(redisMissCold + 1);
        assertThat(count("cold", "dynamodb", "miss")).isEqualTo(dynamoMissCold + 1);
        assertThat(count("cold", "exchange", "hit")).isEqualTo(fetchedCold + 1);
        assertThat(storeGets()).as("one GetItem timed").isEqualTo(storeGets + 1);

        // the same asset again: now a near-cache hit, no further lookups below it
        double nearHitCold = count("cold", "near", "hit");
        assertThat(http.get("/v1/prices/LONO").status()).isEqualTo(200);
        assertThat(count("cold", "near", "hit")).isEqualTo(nearHitCold + 1);
        assertThat(count("cold", "redis", "miss")).isEqualTo(redisMissCold + 1);
    }

    private double count(String tier, String layer, String result) {
        // the reader registers its counters when first used: none yet counts as zero
        var counter = registry.find("pricewire.cache.requests")
                .tags("tier", tier, "layer", layer, "result", result)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private long storeGets() {
        return registry.find("pricewire.store.request").tag("op", "get").timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }
}
