package io.pricewire.service.assets;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.service.support.Await;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A cold asset that gets busy is promoted into the hot tier (which keeps its size) and demoted once it cools. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemandTiersTest implements TestPropertyProvider {
    private static final String COLD = "LONO";

    @Inject
    EmbeddedServer server;
    @Inject
    StatefulRedisConnection<String, String> redis;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestStack.properties());
        p.put("pricewire.demand.period", "200ms");
        p.put("pricewire.demand.half-life", "400ms");
        p.put("pricewire.demand.min-score", "30");
        p.put("pricewire.demand.hysteresis", "1.25");
        return p;
    }

    @BeforeAll
    void forgetEarlierDemand() {
        redis.sync().del(DemandTiers.SCORES, DemandTiers.HOT, DemandTiers.PROMOTED);
    }

    @Test
    void shouldPromoteABusyColdAssetAndDemoteItWhenItCools() throws InterruptedException {
        Http http = new Http(server.getURI());
        assertThat(tierOf(http, COLD)).isEqualTo("cold");

        Instant busyUntil = Instant.now().plus(Duration.ofSeconds(3));
        boolean promoted = false;
        while (Instant.now().isBefore(busyUntil) && !promoted) {
            for (int i = 0; i < 25; i++) {
                assertThat(http.get("/v1/prices/" + COLD).status()).isEqualTo(200);
            }
            promoted = "hot".equals(tierOf(http, COLD));
        }
        assertThat(promoted).as("promoted while busy").isTrue();
        assertThat(http.get("/v1/assets?tier=hot").json().get("assets")).hasSize(20);
        assertThat(http.get("/v1/assets?tier=hot").json().get("assets").findValuesAsText("symbol")).contains(COLD);
        assertThat(redis.sync().smembers(DemandTiers.PROMOTED)).contains(COLD);
        // the displaced rank-hot asset is served as medium meanwhile
        assertThat(http.get("/v1/assets?tier=medium").json().get("assets").size()).isEqualTo(181);

        Await.until("demotion once demand cools", Duration.ofSeconds(10), () -> !http.get("/v1/assets?tier=hot").json().get("assets").findValuesAsText("symbol").contains(COLD));
        assertThat(tierOf(http, COLD)).isEqualTo("cold");
        assertThat(http.get("/v1/assets?tier=hot").json().get("assets")).hasSize(20);
        assertThat(redis.sync().smembers(DemandTiers.PROMOTED)).doesNotContain(COLD);
    }

    private static String tierOf(Http http, String symbol) {
        return http.get("/v1/prices/" + symbol).json().get("tier").asText();
    }
}
