package io.pricewire.core.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.pricewire.testkit.Await;
import io.pricewire.testkit.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A connection to a Redis that is not there yet: calls fail until it appears, then go through, without a new connection object. */
class LazyRedisConnectionTest {

    @Test
    @SuppressWarnings("unchecked")
    void shouldFailCallsUntilRedisAppearsAndForwardThemOnceAttached() {
        try (RedisServer redis = RedisServer.onFreePort()) {
            RedisClient client = RedisClient.create(redis.uri());
            try (LazyRedisConnection<StatefulRedisConnection<String, String>> lazy =
                    new LazyRedisConnection<>("test", client::connect, Duration.ofMillis(100))) {
                StatefulRedisConnection<String, String> connection = lazy.proxy(StatefulRedisConnection.class);

                assertThat(lazy.current()).isEmpty();
                assertThat(connection.isOpen()).isFalse();
                assertThatThrownBy(connection::async).isInstanceOf(RedisConnectionException.class);

                redis.start();
                Await.until(
                        "the connection to attach",
                        Duration.ofSeconds(20),
                        () -> lazy.current().isPresent());

                assertThat(connection.sync().ping()).isEqualTo("PONG");
                assertThat(connection.isOpen()).isTrue();
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldReturnFailedStagesFromTheCacheWhileNotAttached() {
        try (RedisServer redis = RedisServer.onFreePort()) {
            RedisClient client = RedisClient.create(redis.uri());
            try (LazyRedisConnection<StatefulRedisConnection<String, byte[]>> lazy = new LazyRedisConnection<>(
                    "test",
                    () -> client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)),
                    Duration.ofHours(1))) {
                RedisPriceCache cache = new RedisPriceCache(lazy.proxy(StatefulRedisConnection.class));

                assertThat(cache.get("BTC").toCompletableFuture()).isCompletedExceptionally();
            } finally {
                client.shutdown();
            }
        }
    }
}
