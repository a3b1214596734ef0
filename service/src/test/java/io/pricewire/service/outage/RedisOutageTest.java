package io.pricewire.service.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.service.support.Await;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.testkit.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis dies under a running service and comes back: GETs keep answering (near cache, then
 * DynamoDB), readiness stays ready but reports Redis down, and the service recovers by itself.
 */
class RedisOutageTest {

    @Test
    void shouldKeepAnsweringAndRecoverWithoutRestartWhenRedisDiesAndReturns() {
        try (RedisServer redis = RedisServer.startOnFreePort()) {
            Map<String, Object> props = new HashMap<>(TestStack.properties());
            props.put("redis.uri", redis.uri());
            props.put("pricewire.tiers.hot-interval", "2s");
            props.put("pricewire.tiers.medium-interval", "6s");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
                Http http = new Http(server.getURI());
                Await.until("ready", Duration.ofSeconds(60), () -> http.get("/health/readiness").status() == 200);
                assertThat(http.get("/v1/prices/BTC").status()).isEqualTo(200);

                redis.stop();
                List<Long> latencies = new ArrayList<>();
                Instant end = Instant.now().plus(Duration.ofSeconds(8));
                while (Instant.now().isBefore(end)) {
                    for (String symbol : List.of("BTC", "ETH", "UNI", "LONO")) {
                        long start = System.nanoTime();
                        Http.Answer a = http.get("/v1/prices/" + symbol);
                        latencies.add(System.nanoTime() - start);
                        assertThat(a.status()).as(symbol + " during the outage: " + a.body()).isEqualTo(200);
                    }
                }
                Http.Answer readiness = http.get("/health/readiness");
                assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
                assertThat(readiness.body()).contains("DEGRADED").contains("\"redis\":\"DOWN\"");
                System.out.println("GET latency with Redis down: " + Await.percentiles(latencies));

                redis.start();
                Await.until("readiness to report Redis up", Duration.ofSeconds(20),
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
