package io.pricewire.service.nearcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.cache.RedisKeys;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceStatus;
import io.pricewire.core.price.RejectedQuote;
import io.pricewire.core.price.SourcePrice;
import io.pricewire.core.price.WirePrice;
import io.pricewire.testkit.Await;
import io.pricewire.testkit.SharedServers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The feed against a real Redis: each message reaches the near cache as it was published. */
class PriceFeedTest {
    private static final Instant T = Instant.parse("2026-11-26T12:00:00.123Z");
    private static final RedisCodec<String, byte[]> BYTES = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static RedisClient client;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(SharedServers.redisUri());
    }

    @AfterAll
    static void disconnect() {
        client.shutdown();
    }

    @Test
    void shouldHandOnEachMessageAsPublishedReadTheVersionBeforeAndSkipAMalformedOne() {
        NearCache near = new NearCache(AssetUniverse.loadDefault());
        PriceFeed feed = new PriceFeed(client, near);
        try (StatefulRedisConnection<String, byte[]> publisher = client.connect(BYTES)) {
            Await.until("the subscription", Duration.ofSeconds(10), near::isLive);
            Price current = new Price(
                    "FEEDNEW",
                    "USD",
                    new BigDecimal("12.5"),
                    T,
                    Tier.MEDIUM,
                    PriceStatus.DEGRADED,
                    List.of(new SourcePrice(ExchangeId.OKX, new BigDecimal("12.5"), T.minusSeconds(1))),
                    List.of(new RejectedQuote(ExchangeId.KRAKEN, new BigDecimal("20"), "outlier")));
            Price older = new Price(
                    "FEEDOLD",
                    "USD",
                    new BigDecimal("3.25"),
                    T,
                    Tier.COLD,
                    PriceStatus.OK,
                    List.of(new SourcePrice(ExchangeId.BINANCE, new BigDecimal("3.25"), T)),
                    List.of());
            byte[] published = WirePrice.of(current).bytes();

            publisher.sync().publish(RedisKeys.PRICE_CHANNEL, "not a price".getBytes(StandardCharsets.US_ASCII));
            String versionBefore = "{\"symbol\":\"FEEDOLD\",\"currency\":\"USD\",\"price\":\"3.25\",\"ts\":"
                    + T.toEpochMilli()
                    + ",\"tier\":\"cold\",\"status\":\"ok\","
                    + "\"sources\":[{\"exchange\":\"binance\",\"price\":\"3.25\",\"ts\":" + T.toEpochMilli() + "}],"
                    + "\"rejected\":[]}";
            publisher.sync().publish(RedisKeys.PRICE_CHANNEL, versionBefore.getBytes(StandardCharsets.US_ASCII));
            publisher.sync().publish(RedisKeys.PRICE_CHANNEL, published);

            Await.until("the last message", Duration.ofSeconds(10), () -> near.ready("FEEDNEW") != null);
            assertThat(near.ready("FEEDNEW").wire().bytes()).isEqualTo(published);
            assertThat(near.ready("FEEDNEW").price()).isEqualTo(current);
            assertThat(near.ready("FEEDOLD").price())
                    .as("delivered in order: before the last")
                    .isEqualTo(older);
            assertThat(near.ready("FEEDOLD").wire().bytes())
                    .isEqualTo(WirePrice.of(older).bytes());
            assertThat(near.isLive())
                    .as("a malformed message leaves the feed up")
                    .isTrue();
        } finally {
            feed.close();
        }
    }
}
