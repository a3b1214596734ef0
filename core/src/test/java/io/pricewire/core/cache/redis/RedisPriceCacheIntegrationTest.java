package io.pricewire.core.cache.redis;

import io.pricewire.core.cache.RedisKeys;
import static io.pricewire.core.price.Prices.price;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceCodec;
import io.pricewire.testkit.SharedServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real redis-server. */
class RedisPriceCacheIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static RedisClient client;
    private static StatefulRedisConnection<String, byte[]> connection;
    private static RedisPriceCache cache;
    private final PriceCodec codec = new PriceCodec();

    @BeforeAll
    static void connect() {
        client = RedisClient.create(SharedServers.redisUri());
        connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        cache = new RedisPriceCache(connection, new PriceCodec());
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    @Test
    void shouldStoreWithTheTiersTtlInTheSameSetWhenPut() throws Exception {
        assertThat(cache.putIfNewer(price("TTLA", "1.5", T0), Duration.ofSeconds(90)).toCompletableFuture().get()).isTrue();
        long pttl = connection.sync().pttl("price:TTLA");
        assertThat(pttl).isBetween(80_000L, 90_000L);
        assertThat(cache.get("TTLA").toCompletableFuture().get()).contains(price("TTLA", "1.5", T0));
    }

    @Test
    void shouldKeepTheNewerPriceWhenAnOlderOneArrivesLate() throws Exception {
        cache.putIfNewer(price("RACE", "2", T0.plusSeconds(5)), Duration.ofMinutes(1)).toCompletableFuture().get();
        assertThat(cache.putIfNewer(price("RACE", "1", T0), Duration.ofMinutes(1)).toCompletableFuture().get()).isFalse();
        assertThat(cache.get("RACE").toCompletableFuture().get().orElseThrow().price()).isEqualByComparingTo("2");
        assertThat(cache.putIfNewer(price("RACE", "3", T0.plusSeconds(6)), Duration.ofMinutes(1)).toCompletableFuture().get()).isTrue();
        assertThat(cache.get("RACE").toCompletableFuture().get().orElseThrow().price()).isEqualByComparingTo("3");
    }

    @Test
    void shouldPublishOnThePricesChannelOnlyWhenWritten() throws Exception {
        BlockingQueue<Price> published = new LinkedBlockingQueue<>();
        StatefulRedisPubSubConnection<String, byte[]> sub = client.connectPubSub(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        try {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, byte[] message) {
                    published.add(codec.decode(message));
                }
            });
            sub.sync().subscribe(RedisKeys.PRICE_CHANNEL);
            cache.putIfNewer(price("PUBS", "10", T0.plusSeconds(1)), Duration.ofMinutes(1)).toCompletableFuture().get();
            cache.putIfNewer(price("PUBS", "9", T0), Duration.ofMinutes(1)).toCompletableFuture().get();
            assertThat(published.poll(5, TimeUnit.SECONDS)).isEqualTo(price("PUBS", "10", T0.plusSeconds(1)));
            assertThat(published.poll(300, TimeUnit.MILLISECONDS)).as("the losing write is not announced").isNull();
        } finally {
            sub.close();
        }
    }

    @Test
    void shouldReturnOnlyHitsWhenGettingMany() throws Exception {
        cache.putIfNewer(price("MANYA", "1", T0), Duration.ofMinutes(1)).toCompletableFuture().get();
        cache.putIfNewer(price("MANYB", "2", T0), Duration.ofMinutes(1)).toCompletableFuture().get();
        assertThat(cache.getAll(List.of("MANYA", "MANYB", "MANYMISSING")).toCompletableFuture().get())
                .containsOnlyKeys("MANYA", "MANYB");
        assertThat(cache.getAll(List.of()).toCompletableFuture().get()).isEmpty();
        assertThat(cache.get("MANYMISSING").toCompletableFuture().get()).isEmpty();
    }
}
