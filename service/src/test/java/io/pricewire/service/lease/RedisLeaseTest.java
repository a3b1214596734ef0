package io.pricewire.service.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.cache.RedisKeys;
import io.pricewire.testkit.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lease against a real Redis: won once per TTL across instances, and "unreachable" told apart from "held elsewhere". */
class RedisLeaseTest {
    private static final Duration TTL = Duration.ofMinutes(1);
    private static final String HOT_LEASE = RedisKeys.refreshLease(Tier.HOT);

    @Test
    void shouldTellUnreachableApartFromHeldElsewhereWhenRedisStops() {
        try (RedisServer redis = RedisServer.startOnFreePort()) {
            RedisClient client = RedisClient.create(redis.uri());
            client.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(500)))
                    .build());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisLease first = new RedisLease(connection);
                RedisLease second = new RedisLease(connection);

                assertThat(first.take(HOT_LEASE, TTL)).isEqualTo(RedisLease.Answer.ACQUIRED);
                assertThat(second.take(HOT_LEASE, TTL)).isEqualTo(RedisLease.Answer.HELD_ELSEWHERE);
                assertThat(second.tryAcquire(HOT_LEASE, TTL)).isFalse();

                redis.stop();

                assertThat(second.take(HOT_LEASE, TTL)).isEqualTo(RedisLease.Answer.UNREACHABLE);
                assertThat(second.tryAcquire(HOT_LEASE, TTL))
                        .as("a cycle without a cost to share still runs")
                        .isTrue();
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void shouldExtendAHeldLeaseForItsHolderOnlyAndHandItOverWhenReleased() {
        try (RedisServer redis = RedisServer.startOnFreePort()) {
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisLease holder = new RedisLease(connection);
                RedisLease other = new RedisLease(connection);
                String key = RedisKeys.STREAM_LEASE;

                assertThat(holder.hold(key, Duration.ofSeconds(3))).isEqualTo(RedisLease.Answer.ACQUIRED);
                assertThat(other.hold(key, Duration.ofSeconds(3))).isEqualTo(RedisLease.Answer.HELD_ELSEWHERE);
                assertThat(holder.hold(key, TTL)).as("renewed by its holder").isEqualTo(RedisLease.Answer.ACQUIRED);
                assertThat(connection.sync().pttl(key))
                        .isGreaterThan(Duration.ofSeconds(3).toMillis());

                other.release(key);
                assertThat(connection.sync().exists(key))
                        .as("only the holder can release")
                        .isEqualTo(1L);
                holder.release(key);
                assertThat(other.hold(key, Duration.ofSeconds(3))).isEqualTo(RedisLease.Answer.ACQUIRED);

                redis.stop();
                assertThat(other.hold(key, Duration.ofSeconds(3))).isEqualTo(RedisLease.Answer.UNREACHABLE);
            } finally {
                client.shutdown();
            }
        }
    }
}
