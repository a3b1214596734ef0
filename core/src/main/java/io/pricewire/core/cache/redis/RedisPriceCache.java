package io.pricewire.core.cache.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.pricewire.core.cache.PriceCache;
import io.pricewire.core.cache.RedisKeys;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.WirePrice;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * {@link PriceCache} on Redis: {@code price:{SYMBOL}} holds the price as a {@link WirePrice}, written by a
 * Lua script that compares timestamps, SETs with the tier's TTL ({@code PX}) and PUBLISHes the same
 * bytes in one atomic step, so two refreshers racing (the service and the cold Lambda) can never leave
 * the older price cached or announce a price that lost.
 */
public final class RedisPriceCache implements PriceCache {
    /**
     * The held value's timestamp is read from the fixed place where every version of {@link WirePrice}
     * keeps it (bytes 5–17 in Lua's counting), without decoding JSON. A value starting with "{" is the
     * JSON of the version before, still cached during a rolling deploy: its {@code ts} is decoded, so a
     * newer price an instance of that version cached is never replaced by an older one (a warm-up's
     * stored price, say). A held value whose time cannot be read is replaced. Equal timestamps keep
     * what is held.
     */
    private static final String PUT_IF_NEWER = """
            local current = redis.call('GET', KEYS[1])
            if current then
              local held
              if string.sub(current, 1, 1) == '{' then
                local ok, decoded = pcall(cjson.decode, current)
                if ok and type(decoded) == 'table' then
                  held = tonumber(decoded.ts)
                end
              else
                held = tonumber(string.sub(current, 5, 17))
              end
              if held and held >= tonumber(ARGV[2]) then
                return 0
              end
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
            redis.call('PUBLISH', ARGV[4], ARGV[1])
            return 1
            """;

    private final StatefulRedisConnection<String, byte[]> connection;

    public RedisPriceCache(StatefulRedisConnection<String, byte[]> connection) {
        this.connection = connection;
    }

    @Override
    public CompletionStage<Optional<Price>> get(String symbol) {
        return guarded(() -> commands()
                .get(RedisKeys.price(symbol))
                .thenApply(bytes -> Optional.ofNullable(bytes).map(RedisPriceCache::decode)));
    }

    @Override
    public CompletionStage<Map<String, Price>> getAll(Collection<String> symbols) {
        String[] keys =
                new LinkedHashSet<>(symbols).stream().map(RedisKeys::price).toArray(String[]::new);
        if (keys.length == 0) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return guarded(() -> commands().mget(keys).thenApply(values -> {
            Map<String, Price> found = new HashMap<>();
            for (KeyValue<String, byte[]> kv : values) {
                if (kv.hasValue()) {
                    Price p = decode(kv.getValue());
                    found.put(p.symbol(), p);
                }
            }
            return found;
        }));
    }

    @Override
    public CompletionStage<Boolean> putIfNewer(Price price, Duration ttl) {
        return guarded(() -> {
            byte[][] args = {
                WirePrice.of(price).bytes(),
                ascii(Long.toString(price.timestamp().toEpochMilli())),
                ascii(Long.toString(Math.max(1, ttl.toMillis()))),
                ascii(RedisKeys.PRICE_CHANNEL)
            };
            String[] keys = {RedisKeys.price(price.symbol())};
            return commands()
                    .<Long>eval(PUT_IF_NEWER, ScriptOutputType.INTEGER, keys, args)
                    .thenApply(written -> written != null && written == 1L);
        });
    }

    /**
     * A connection not attached yet (Redis unreachable since start) refuses commands by throwing, and a
     * price that cannot be written ({@link WirePrice#of}) throws too; callers of this non-blocking
     * interface expect a failed stage instead.
     */
    private static <T> CompletionStage<T> guarded(Supplier<CompletionStage<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A value of this or the version before, decoded now: a reader of this port wants the price itself. */
    private static Price decode(byte[] value) {
        return WirePrice.read(value).price();
    }

    private RedisAsyncCommands<String, byte[]> commands() {
        return connection.async();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
