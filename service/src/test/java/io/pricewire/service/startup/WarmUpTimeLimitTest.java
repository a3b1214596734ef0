package io.pricewire.service.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The warm-up can never keep an instance out of the load balancer: it ends on an exception, and is given up after its time limit. */
@TimingSensitive
class WarmUpTimeLimitTest {

    @Test
    void shouldBecomeReadyAfterTheTimeLimitWhenTheWarmUpHangs() {
        try (EmbeddedServer server = start("hangs", "5s")) {
            Http http = new Http(server.getURI());
            assertThat(http.get("/health/readiness").status())
                    .as("still warming up")
                    .isEqualTo(503);
            Http.Answer health = http.get("/healthz");
            assertThat(health.status()).as("out of the load balancer meanwhile").isEqualTo(503);
            assertThat(health.body()).isEqualTo("{\"status\":\"DOWN\"}");

            http.awaitReady();

            assertThat(http.get("/health/readiness").body()).contains("gave up after 5 s");
        }
    }

    @Test
    void shouldBecomeReadyWhenTheWarmUpThrows() {
        try (EmbeddedServer server = start("throws", "60s")) {
            Http http = new Http(server.getURI());

            http.awaitReady();

            assertThat(http.get("/health/readiness").body()).contains("failed").contains("a bug, not an outage");
        }
    }

    private static EmbeddedServer start(String storeMode, String timeLimit) {
        return TestStack.start(TestStack.properties(Map.of(
                "test.stuck-store",
                storeMode,
                "pricewire.warm-up.time-limit",
                timeLimit,
                "pricewire.tiers.tickers",
                "false")));
    }
}
