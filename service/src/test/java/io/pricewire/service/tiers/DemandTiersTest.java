package io.pricewire.service.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.cache.RedisKeys;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import io.pricewire.testkit.Await;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Demand counts clients, not requests: one client hammering a cold asset (single GETs and
 * batches) adds one point; twenty clients promote it into the hot tier (which keeps its size)
 * until their demand cools. Clients are told apart by {@code X-Forwarded-For}, as behind the ALB.
 */
@TimingSensitive
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemandTiersTest implements TestPropertyProvider {
    private static final List<String> COLD = TestStack.universe().all().stream()
            .filter(a -> a.rank() > 500)
            .sorted(Comparator.comparingInt(Asset::rank))
            .map(Asset::symbol)
            .limit(2)
            .toList();

    @Inject
    EmbeddedServer server;

    @Inject
    StatefulRedisConnection<String, String> redis;

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(Map.of(
                "pricewire.rate-limit.forwarded-for-hops", "1",
                "pricewire.demand.period", "200ms",
                // slow enough that twenty requests spread over a few periods still add up to about twenty
                "pricewire.demand.half-life", "2s",
                "pricewire.demand.min-score", "15",
                "pricewire.demand.hysteresis", "1.25",
                "pricewire.demand.client-window", "1m"));
    }

    @BeforeAll
    void forgetEarlierDemand() {
        redis.sync().del(RedisKeys.DEMAND_SCORES, RedisKeys.HOT_SET, RedisKeys.PROMOTED);
    }

    @Test
    void shouldCountOnePointWhenOneClientHammersAColdAsset() {
        String cold = COLD.get(0);
        Http http = new Http(server.getURI());
        for (int i = 0; i < 50; i++) {
            assertThat(from(http, "203.0.113.9", "/v1/prices/" + cold).status()).isEqualTo(200);
            if (i % 5 == 0) {
                assertThat(from(http, "203.0.113.9", "/v1/prices?symbols=BTC," + cold + "," + COLD.get(1))
                                .status())
                        .isEqualTo(200);
            }
        }

        Await.until(
                "the demand flushed to Redis",
                Duration.ofSeconds(5),
                () -> redis.sync().zscore(RedisKeys.DEMAND_SCORES, cold) != null);
        assertThat(redis.sync().zscore(RedisKeys.DEMAND_SCORES, cold))
                .as("60 requests, one client")
                .isLessThanOrEqualTo(1.0);
        assertThat(hotSymbols(http)).doesNotContain(cold).contains("BTC").hasSize(20);
    }

    @Test
    void shouldPromoteAColdAssetWhenTwentyClientsAskAndDemoteItWhenTheyStop() {
        String cold = COLD.get(1);
        Http http = new Http(server.getURI());
        assertThat(hotSymbols(http)).doesNotContain(cold);

        for (int c = 0; c < 20; c++) {
            assertThat(from(http, "198.51.100." + c, "/v1/prices/" + cold).status())
                    .isEqualTo(200);
        }

        Await.until("promotion", Duration.ofSeconds(5), () -> hotSymbols(http).contains(cold));
        assertThat(hotSymbols(http)).hasSize(20).contains("BTC");
        assertThat(redis.sync().smembers(RedisKeys.PROMOTED)).contains(cold);
        assertThat(from(http, "198.51.100.1", "/v1/prices/" + cold)
                        .json()
                        .get("tier")
                        .asText())
                .isEqualTo("hot");
        // the displaced rank-hot asset is served as medium meanwhile
        assertThat(http.get("/v1/assets?tier=medium").json().get("assets").size())
                .isEqualTo(181);

        Await.until(
                "demotion once demand cools",
                Duration.ofSeconds(15),
                () -> !hotSymbols(http).contains(cold));
        assertThat(hotSymbols(http)).hasSize(20);
        assertThat(redis.sync().smembers(RedisKeys.PROMOTED)).doesNotContain(cold);
    }

    private static Http.Answer from(Http http, String client, String target) {
        return http.send(http.request(target).header("X-Forwarded-For", client).GET());
    }

    private static List<String> hotSymbols(Http http) {
        return http.get("/v1/assets?tier=hot").json().get("assets").findValuesAsText("symbol");
    }
}
