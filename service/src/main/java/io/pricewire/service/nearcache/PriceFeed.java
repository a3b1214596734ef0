package io.pricewire.service.nearcache;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.annotation.Context;
import io.pricewire.core.cache.RedisKeys;
import io.pricewire.core.cache.redis.LazyRedisConnection;
import io.pricewire.core.price.WirePrice;
import jakarta.annotation.PreDestroy;
import java.net.SocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to the Redis {@code prices} channel and feeds every published aggregate into the
 * {@link NearCache}. Lettuce reconnects and resubscribes by itself once connected; when Redis is
 * down at start, the subscription is made in the background as soon as it appears. The near cache
 * is switched off from the moment the connection drops until the subscription is confirmed again.
 */
@Context
public class PriceFeed {
    private static final Logger LOG = LoggerFactory.getLogger(PriceFeed.class);
    private static final Duration ATTACH_RETRY = Duration.ofSeconds(1);
    private final LazyRedisConnection<StatefulRedisPubSubConnection<String, byte[]>> connection;

    PriceFeed(RedisClient redis, NearCache nearCache) {
        // registered first: the subscription may be attached by the background retry at any moment
        redis.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                if (isFeed(handler)) {
                    nearCache.feedDown();
                    LOG.warn(
                            "the {} subscription dropped: near-cache entries count only while younger than their tier's "
                                    + "interval until it is back",
                            RedisKeys.PRICE_CHANNEL);
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                // the subscription is renewed by Lettuce; subscribed() switches the near cache back on
            }
        });
        // Redis may be down at start: the feed attaches (and subscribes) when it appears, without a restart
        this.connection = new LazyRedisConnection<>("feed", () -> subscribe(redis, nearCache), ATTACH_RETRY);
    }

    private boolean isFeed(RedisChannelHandler<?, ?> handler) {
        return connection != null && connection.current().map(c -> c == handler).orElse(false);
    }

    private static StatefulRedisPubSubConnection<String, byte[]> subscribe(RedisClient redis, NearCache nearCache) {
        StatefulRedisPubSubConnection<String, byte[]> feed =
                redis.connectPubSub(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        feed.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, byte[] message) {
                try {
                    nearCache.offer(
                            WirePrice.read(message)); // kept as received: the fast path answers from these bytes
                } catch (IllegalArgumentException e) {
                    LOG.warn("ignored a malformed message on {}: {}", channel, e.getMessage());
                }
            }

            @Override
            public void subscribed(String channel, long count) {
                nearCache.feedUp();
                LOG.info("subscribed to {}: the near cache answers from every entry", channel);
            }
        });
        try {
            feed.sync().subscribe(RedisKeys.PRICE_CHANNEL);
            return feed;
        } catch (RuntimeException e) {
            feed.close();
            throw e;
        }
    }

    @PreDestroy
    void close() {
        connection.close();
    }
}
