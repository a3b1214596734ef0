package io.pricewire.core.cache.redis;

import static io.pricewire.core.price.Prices.price;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.pricewire.core.cache.RedisKeys;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.WirePrice;
import io.pricewire.testkit.SharedServers;
import java.nio.charset.StandardCharsets;
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
    private static final RedisCodec<String, byte[]> BYTES = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static RedisClient client;
    private static StatefulRedisConnection<String, byte[]> connection;
    private static RedisPriceCache cache;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(SharedServers.redisUri());
        connection = client.connect(BYTES);
        cache = new RedisPriceCache(connection);
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    @Test
    void shouldStoreWithTheTiersTtlInTheSameSetWhenPut() throws Exception {
        assertThat(cache.putIfNewer(price("TTLA", "1.5", T0), Duration.ofSeconds(90))
                        .toCompletableFuture()
                        .get())
                .isTrue();
        long pttl = connection.sync().pttl("price:TTLA");
        assertThat(pttl).isBetween(80_000L, 90_000L);
        assertThat(cache.get("TTLA").toCompletableFuture().get()).contains(price("TTLA", "1.5", T0));
    }

    @Test
    void shouldKeepTheNewerPriceWhenAnOlderOneArrivesLate() throws Exception {
        cache.putIfNewer(price("RACE", "2", T0.plusSeconds(5)), Duration.ofMinutes(1))
                .toCompletableFuture()
                .get();
        assertThat(cache.putIfNewer(price("RACE", "1", T0), Duration.ofMinutes(1))
                        .toCompletableFuture()
                        .get())
                .isFalse();
        assertThat(cache.get("RACE").toCompletableFuture().get().orElseThrow().price())
                .isEqualByComparingTo("2");
        assertThat(cache.putIfNewer(price("RACE", "3", T0.plusSeconds(6)), Duration.ofMinutes(1))
                        .toCompletableFuture()
                        .get())
                .isTrue();
        assertThat(cache.get("RACE").toCompletableFuture().get().orElseThrow().price())
                .isEqualByComparingTo("3");
    }

    @Test
    void shouldPublishOnThePricesChannelOnlyWhenWritten() throws Exception {
        BlockingQueue<Price> published = new LinkedBlockingQueue<>();
        StatefulRedisPubSubConnection<String, byte[]> sub = client.connectPubSub(BYTES);
        try {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, byte[] message) {
                    published.add(WirePrice.read(message).price());
                }
            });
            sub.sync().subscribe(RedisKeys.PRICE_CHANNEL);
            cache.putIfNewer(price("PUBS", "10", T0.plusSeconds(1)), Duration.ofMinutes(1))
                    .toCompletableFuture()
                    .get();
            cache.putIfNewer(price("PUBS", "9", T0), Duration.ofMinutes(1))
                    .toCompletableFuture()
                    .get();
            assertThat(published.poll(5, TimeUnit.SECONDS)).isEqualTo(price("PUBS", "10", T0.plusSeconds(1)));
            assertThat(published.poll(300, TimeUnit.MILLISECONDS))
                    .as("the losing write is not announced")
                    .isNull();
        } finally {
            sub.close();
        }
    }

    @Test
    void shouldReturnOnlyHitsWhenGettingMany() throws Exception {
        cache.putIfNewer(price("MANYA", "1", T0), Duration.ofMinutes(1))
                .toCompletableFuture()
                .get();
        cache.putIfNewer(price("MANYB", "2", T0), Duration.ofMinutes(1))
                .toCompletableFuture()
                .get();
        assertThat(cache.getAll(List.of("MANYA", "MANYB", "MANYMISSING"))
                        .toCompletableFuture()
                        .get())
                .containsOnlyKeys("MANYA", "MANYB");
        assertThat(cache.getAll(List.of()).toCompletableFuture().get()).isEmpty();
        assertThat(cache.get("MANYMISSING").toCompletableFuture().get()).isEmpty();
    }

    @Test
    void shouldPublishExactlyTheBytesItStoresWhenWritten() throws Exception {
        BlockingQueue<byte[]> published = new LinkedBlockingQueue<>();
        StatefulRedisPubSubConnection<String, byte[]> sub = client.connectPubSub(BYTES);
        try {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, byte[] message) {
                    published.add(message);
                }
            });
            sub.sync().subscribe(RedisKeys.PRICE_CHANNEL);
            Price written = price("SAME", "4.25", T0);
            cache.putIfNewer(written, Duration.ofMinutes(1))
                    .toCompletableFuture()
                    .get();

            byte[] message = published.poll(5, TimeUnit.SECONDS);
            assertThat(message)
                    .isEqualTo(connection.sync().get("price:SAME"))
                    .isEqualTo(WirePrice.of(written).bytes());
            assertThat(new String(message, StandardCharsets.US_ASCII)).startsWith("pw1 " + T0.toEpochMilli() + " h ");
        } finally {
            sub.close();
        }
    }

    @Test
    void shouldKeepAHeldPriceOfTheSameTimeWhenPut() throws Exception {
        cache.putIfNewer(price("TIE", "1", T0), Duration.ofMinutes(1))
                .toCompletableFuture()
                .get();
        assertThat(cache.putIfNewer(price("TIE", "2", T0), Duration.ofMinutes(1))
                        .toCompletableFuture()
                        .get())
                .isFalse();
        assertThat(cache.get("TIE").toCompletableFuture().get().orElseThrow().price())
                .isEqualByComparingTo("1");
    }

    @Test
    void shouldCompareWithTheHeldTimestampWithoutDecodingTheBodyWhenPut() throws Exception {
        byte[] future = ascii("pw1 9999999999999 h 00000 00000\nnot json at all");
        connection.sync().set("price:PREFIX", future);

        assertThat(cache.putIfNewer(price("PREFIX", "1", T0), Duration.ofMinutes(1))
                        .toCompletableFuture()
                        .get())
                .isFalse();
        assertThat(connection.sync().get("price:PREFIX")).isEqualTo(future);
    }

    @Test
    void shouldOrderAgainstAValueTheVersionBeforeWroteWhenPutDuringARollingDeploy() throws Exception {
        connection.sync().set("price:OLDNEW", legacy("OLDNEW", "7", T0.plusSeconds(5)));
        connection.sync().set("price:OLDOLD", legacy("OLDOLD", "7", T0.minusSeconds(5)));

        assertThat(cache.putIfNewer(price("OLDNEW", "1", T0), Duration.ofMinutes(1))
                        .toCompletableFuture()
                        .get())
                .as("the newer price of the version before stays")
                .isFalse();
        assertThat(cache.putIfNewer(price("OLDOLD", "1", T0), Duration.ofMinutes(1))
                        .toCompletableFuture()
                        .get())
                .isTrue();
        assertThat(cache.get("OLDNEW").toCompletableFuture().get().orElseThrow().price())
                .isEqualByComparingTo("7");
        assertThat(cache.get("OLDOLD").toCompletableFuture().get()).contains(price("OLDOLD", "1", T0));
        assertThat(connection.sync().get("price:OLDOLD"))
                .isEqualTo(WirePrice.of(price("OLDOLD", "1", T0)).bytes());
    }

    @Test
    void shouldReplaceAHeldValueWhoseTimeCannotBeReadWhenPut() throws Exception {
        connection.sync().set("price:JUNK", ascii("junk"));
        connection.sync().set("price:JUNKJSON", ascii("{\"ts\":\"soon\""));

        assertThat(cache.putIfNewer(price("JUNK", "1", T0), Duration.ofMinutes(1))
                        .toCompletableFuture()
                        .get())
                .isTrue();
        assertThat(cache.putIfNewer(price("JUNKJSON", "1", T0), Duration.ofMinutes(1))
                        .toCompletableFuture()
                        .get())
                .isTrue();
        assertThat(cache.get("JUNK").toCompletableFuture().get()).contains(price("JUNK", "1", T0));
    }

    @Test
    void shouldReadValuesTheVersionBeforeWroteNextToThisVersionsWhenGetting() throws Exception {
        connection.sync().set("price:LEGACYA", legacy("LEGACYA", "3.5", T0));
        cache.putIfNewer(price("LEGACYB", "4", T0), Duration.ofMinutes(1))
                .toCompletableFuture()
                .get();

        assertThat(cache.get("LEGACYA").toCompletableFuture().get()).contains(price("LEGACYA", "3.5", T0));
        assertThat(cache.getAll(List.of("LEGACYA", "LEGACYB"))
                        .toCompletableFuture()
                        .get())
                .containsEntry("LEGACYA", price("LEGACYA", "3.5", T0))
                .containsEntry("LEGACYB", price("LEGACYB", "4", T0));
    }

    @Test
    void shouldFailTheReadWhenTheHeldValueIsUnreadable() {
        connection.sync().set("price:GARBLED", ascii("pw1 garbled"));
        assertThat(cache.get("GARBLED").toCompletableFuture()).failsWithin(Duration.ofSeconds(5));
    }

    /** What the version before wrote for {@code price(symbol, value, at)}. */
    private static byte[] legacy(String symbol, String value, Instant at) {
        long ts = at.toEpochMilli();
        return ascii("{\"symbol\":\"" + symbol + "\",\"currency\":\"USD\",\"price\":\"" + value + "\",\"ts\":" + ts
                + ",\"tier\":\"hot\",\"status\":\"ok\","
                + "\"sources\":[{\"exchange\":\"binance\",\"price\":\"" + value + "\",\"ts\":" + ts
                + "},{\"exchange\":\"kraken\",\"price\":\"" + value + "\",\"ts\":" + ts + "}],"
                + "\"rejected\":[{\"exchange\":\"okx\",\"price\":\"1.5\",\"reason\":\"outlier\"}]}");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
