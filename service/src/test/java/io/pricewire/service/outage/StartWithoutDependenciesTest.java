package io.pricewire.service.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.core.store.dynamo.DynamoClients;
import io.pricewire.core.store.dynamo.DynamoPriceStore;
import io.pricewire.service.nearcache.NearCache;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import io.pricewire.testkit.Await;
import io.pricewire.testkit.Dynalite;
import io.pricewire.testkit.RedisServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A new instance starting while Redis, or DynamoDB, is unreachable (scale-out or replacement
 * during an outage): it starts, reports ready but DEGRADED with the missing dependency DOWN,
 * answers from the other layers, and attaches to the dependency by itself once it appears.
 */
@TimingSensitive
class StartWithoutDependenciesTest {

    @Test
    void shouldStartDegradedAndAttachToRedisWhenRedisAppearsAfterTheStart() {
        try (RedisServer redis = RedisServer.onFreePort()) {
            Map<String, String> props = TestStack.properties(TestStack.FAST_TIERS, Map.of("redis.uri", redis.uri()));
            try (EmbeddedServer server = TestStack.start(props)) {
                Http http = new Http(server.getURI());
                http.awaitReady();
                Http.Answer readiness = http.get("/health/readiness");
                assertThat(readiness.body())
                        .contains("\"status\":\"DEGRADED\"")
                        .contains("\"redis\":\"DOWN\"")
                        .contains("\"dynamodb\":\"UP\"");
                Http.Answer btc = http.get("/v1/prices/BTC");
                assertThat(btc.status()).as(btc.body()).isEqualTo(200);
                NearCache nearCache = server.getApplicationContext().getBean(NearCache.class);
                assertThat(nearCache.isLive()).as("no feed without Redis").isFalse();

                redis.start();
                Await.until(
                        "readiness to report Redis up",
                        Duration.ofSeconds(20),
                        () -> http.get("/health/readiness").body().contains("\"redis\":\"UP\""));
                Await.until("the price feed to subscribe", Duration.ofSeconds(20), nearCache::isLive);
                RedisClient client = RedisClient.create(redis.uri());
                try (var connection = client.connect()) {
                    Await.until(
                            "the tickers to write Redis",
                            Duration.ofSeconds(20),
                            () -> connection.sync().get("price:BTC") != null);
                } finally {
                    client.shutdown();
                }
                assertThat(http.get("/health/readiness").body()).contains("\"status\":\"UP\"");
            }
        }
    }

    @Test
    void shouldStartDegradedAndCreateTheTableWhenDynamoAppearsAfterTheStart() {
        try (Dynalite dynamo = Dynalite.onFreePort()) {
            Map<String, String> props = TestStack.properties(
                    TestStack.FAST_TIERS,
                    Map.of(
                            "pricewire.dynamodb-endpoint",
                            dynamo.endpoint().toString(),
                            "pricewire.store.write-behind.breaker-open-for",
                            "2s"));
            String table = props.get("pricewire.table");
            try (EmbeddedServer server = TestStack.start(props)) {
                Http http = new Http(server.getURI());
                http.awaitReady();
                assertThat(http.get("/health/readiness").body())
                        .contains("\"status\":\"DEGRADED\"")
                        .contains("\"dynamodb\":\"DOWN\"")
                        .contains("\"redis\":\"UP\"");
                Http.Answer btc = http.get("/v1/prices/BTC");
                assertThat(btc.status()).as(btc.body()).isEqualTo(200);

                dynamo.start();
                Await.until(
                        "readiness to report DynamoDB up",
                        Duration.ofSeconds(30),
                        () -> http.get("/health/readiness").body().contains("\"dynamodb\":\"UP\""));
                try (DynamoDbClient client =
                        DynamoClients.create("us-east-1", dynamo.endpoint(), Duration.ofSeconds(2))) {
                    DynamoPriceStore store = new DynamoPriceStore(client, table, OperationTimer.NONE);
                    Await.until(
                            "the refreshed prices in the table",
                            Duration.ofSeconds(30),
                            () -> store.get("BTC").isPresent());
                }
                assertThat(http.get("/health/readiness").body()).contains("\"status\":\"UP\"");
            }
        }
    }
}
