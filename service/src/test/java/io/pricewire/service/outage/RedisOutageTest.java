package io.pricewire.service.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.Meters;
import io.pricewire.service.support.Percentiles;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import io.pricewire.testkit.Await;
import io.pricewire.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis dies under a running service and comes back: GETs keep answering (near cache, then
 * DynamoDB), readiness stays ready but reports Redis down, and the service recovers by itself.
 */
@TimingSensitive
class RedisOutageTest {
    private static final int HOT_CYCLES_DURING_OUTAGE = 3;

    @Test
    void shouldKeepAnsweringAndRecoverWithoutRestartWhenRedisDiesAndReturns() {
        try (RedisServer redis = RedisServer.startOnFreePort()) {
            Map<String, String> props = TestStack.properties(TestStack.FAST_TIERS, Map.of("redis.uri", redis.uri()));
            try (EmbeddedServer server = TestStack.start(props)) {
                Http http = new Http(server.getURI()).awaitReady();
                MeterRegistry registry = server.getApplicationContext().getBean(MeterRegistry.class);
                assertThat(http.get("/v1/prices/BTC").status()).isEqualTo(200);

                redis.stop();
                double hotRefreshesBefore = Meters.refreshes(registry, "hot");
                List<Long> latencies = new ArrayList<>();
                // the outage lasts several hot cycles, run without the lease at the fleet's share and fed to this
                // instance's
                // near cache, however slowly they come on a loaded machine
                Await.until(
                        HOT_CYCLES_DURING_OUTAGE + " hot cycles with Redis down",
                        Duration.ofSeconds(60),
                        Duration.ZERO,
                        () -> {
                            for (String symbol : List.of("BTC", "ETH", "UNI", "LONO")) {
                                long start = System.nanoTime();
                                Http.Answer a = http.get("/v1/prices/" + symbol);
                                latencies.add(System.nanoTime() - start);
                                assertThat(a.status())
                                        .as(symbol + " during the outage: " + a.body())
                                        .isEqualTo(200);
                            }
                            return Meters.refreshes(registry, "hot") - hotRefreshesBefore >= HOT_CYCLES_DURING_OUTAGE;
                        });
                Http.Answer readiness = http.get("/health/readiness");
                assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
                assertThat(readiness.body()).contains("DEGRADED").contains("\"redis\":\"DOWN\"");
                System.out.println("GET latency with Redis down: "
                        + Percentiles.of(latencies).nanosAsMillis());

                redis.start();
                Await.until(
                        "readiness to report Redis up",
                        Duration.ofSeconds(20),
                        () -> http.get("/health/readiness").body().contains("\"redis\":\"UP\""));
                Await.until("the tickers to write Redis again", Duration.ofSeconds(20), () -> {
                    Http.Answer a = http.get("/v1/prices/BTC");
                    return a.status() == 200 && a.json().get("ageMs").asLong() < 4_000;
                });
                assertThat(http.get("/health/readiness").body()).contains("\"redis\":\"UP\"");
            }
        }
    }
}
