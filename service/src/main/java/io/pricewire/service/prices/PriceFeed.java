package io.pricewire.service.prices;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.annotation.Context;
import io.pricewire.core.cache.PriceCache;
import io.pricewire.core.price.PriceCodec;
import jakarta.annotation.PreDestroy;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to the Redis {@code prices} channel and feeds every published aggregate into the
 * {@link NearCache}. Lettuce reconnects and resubscribes by itself; the near cache is switched
 * off from the moment the connection drops until the subscription is confirmed again.
 */
@Context
public class PriceFeed {
    private static final Logger LOG = LoggerFactory.getLogger(PriceFeed.class);
    private final StatefulRedisPubSubConnection<String, byte[]> connection;

    PriceFeed(RedisClient redis, NearCache nearCache, PriceCodec codec) {
        this.connection = redis.connectPubSub(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, byte[] message) {
                try {
                    nearCache.offer(codec.decode(message));
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
        redis.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> handler) {
                if (handler == connection) {
                    nearCache.feedDown();
                    LOG.warn("the {} subscription dropped: near-cache entries count only while younger than their tier's "
                            + "interval until it is back", PriceCache.CHANNEL);
                }
            }

            @Override
            public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> handler, SocketAddress address) {
                // the subscription is renewed by Lettuce; subscribed() switches the near cache back on
            }
        });
        connection.sync().subscribe(PriceCache.CHANNEL);
    }

    @PreDestroy
    void close() {
        connection.close();
    }
}
