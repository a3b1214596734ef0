package io.pricewire.lambda.coldrefresh;

import io.lettuce.core.api.StatefulRedisConnection;
import io.pricewire.core.cache.PriceCache;
import io.pricewire.core.cache.redis.RedisPriceCache;
import io.pricewire.core.price.Price;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Core's {@link RedisPriceCache} over the connection the current invocation opened. When the
 * invocation could not reach Redis it caches nothing and fails each write at once: the run has already
 * logged the outage once, the table still gets every price, and the engine is spared one
 * timeout and one warning per asset.
 */
final class ConnectedPriceCache implements PriceCache {
    /** Shared and without a stack trace: one per asset of a run without Redis would cost for nothing. */
    private static final IllegalStateException NOT_CONNECTED =
            new IllegalStateException("Redis not connected in this run") {
                @Override
                public synchronized Throwable fillInStackTrace() {
                    return this;
                }
            };

    private final RedisConnector redis;
    private StatefulRedisConnection<String, byte[]> cachedFor;
    private RedisPriceCache cache;

    ConnectedPriceCache(RedisConnector redis) {
        this.redis = redis;
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
        // failed, not false: false would mean "a newer price is cached", and the engine would then not queue it for the
        // table
        return current()
                .map(c -> c.putIfNewer(price, ttl))
                .orElseGet(() -> CompletableFuture.failedFuture(NOT_CONNECTED));
    }

    private synchronized Optional<RedisPriceCache> current() {
        Optional<StatefulRedisConnection<String, byte[]>> connection = redis.connection();
        if (connection.isEmpty()) {
            return Optional.empty();
        }
        if (connection.get() != cachedFor) {
            cachedFor = connection.get();
            cache = new RedisPriceCache(cachedFor);
        }
        return Optional.of(cache);
    }
}
