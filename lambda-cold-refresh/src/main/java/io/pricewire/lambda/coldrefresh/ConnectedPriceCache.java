package io.pricewire.lambda.coldrefresh;

import io.lettuce.core.api.StatefulRedisConnection;
import io.pricewire.core.cache.PriceCache;
import io.pricewire.core.cache.RedisPriceCache;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceCodec;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Core's {@link RedisPriceCache} over the connection the current invocation opened. When the
 * invocation could not reach Redis it caches nothing and answers at once: the run has already
 * logged the outage once, the table still gets every price, and the engine is spared one
 * timeout and one warning per asset.
 */
final class ConnectedPriceCache implements PriceCache {
    private final RedisConnector redis;
    private final PriceCodec codec;
    private StatefulRedisConnection<String, byte[]> cachedFor;
    private RedisPriceCache cache;

    ConnectedPriceCache(RedisConnector redis, PriceCodec codec) {
        this.redis = redis;
        this.codec = codec;
    }

    @Override
    public CompletionStage<Optional<Price>> get(String symbol) {
        return current().map(c -> c.get(symbol)).orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
    }

    @Override
    public CompletionStage<Map<String, Price>> getAll(Collection<String> symbols) {
        return current().map(c -> c.getAll(symbols)).orElseGet(() -> CompletableFuture.completedFuture(Map.of()));
    }

    @Override
    public CompletionStage<Boolean> putIfNewer(Price price, Duration ttl) {
        return current().map(c -> c.putIfNewer(price, ttl)).orElseGet(() -> CompletableFuture.completedFuture(false));
    }

    private synchronized Optional<RedisPriceCache> current() {
        Optional<StatefulRedisConnection<String, byte[]>> connection = redis.connection();
        if (connection.isEmpty()) {
            return Optional.empty();
        }
        if (connection.get() != cachedFor) {
            cachedFor = connection.get();
            cache = new RedisPriceCache(cachedFor, codec);
        }
        return Optional.of(cache);
    }
}
