package io.pricewire.lambda.coldrefresh;

import io.lettuce.core.api.StatefulRedisConnection;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.SymbolSyntax;
import io.pricewire.core.cache.PriceCache;
import io.pricewire.core.cache.RedisKeys;
import io.pricewire.core.price.Price;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cold assets demand has promoted into the hot tier, which the service keeps in the Redis SET
 * {@link RedisKeys#PROMOTED} and refreshes every few seconds: the cold run leaves those alone rather than spend
 * exchange budget on them — but only while their cached price shows the service really is
 * refreshing them. A promotion left behind by a stopped service must not leave an asset to nobody.
 */
final class PromotedAssets {
    /** Twelve hot-tier cycles: a promoted asset cached longer ago than this has been dropped by the service. */
    static final Duration SERVICE_REFRESH_LIMIT = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(PromotedAssets.class);

    private final RedisConnector redis;
    private final PriceCache cache;
    private final Duration timeout;

    PromotedAssets(RedisConnector redis, PriceCache cache, Duration timeout) {
        this.redis = redis;
        this.cache = cache;
        this.timeout = timeout;
    }

    /**
     * The symbols of {@code cold} that are promoted and freshly cached at {@code now}. Empty when
     * Redis cannot be read: then every cold asset is refreshed, since a promoted asset refreshed
     * twice costs a little exchange budget and one refreshed by nobody goes stale.
     */
    Set<String> leftToTheService(List<Asset> cold, Instant now) {
        Optional<StatefulRedisConnection<String, byte[]>> connection = redis.connection();
        if (connection.isEmpty()) {
            return Set.of();
        }
        try {
            Set<String> promoted = new HashSet<>();
            for (byte[] member : connection
                    .get()
                    .async()
                    .smembers(RedisKeys.PROMOTED)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                promoted.add(SymbolSyntax.canonical(new String(member, StandardCharsets.UTF_8).trim()));
            }
            List<String> promotedCold =
                    cold.stream().map(Asset::symbol).filter(promoted::contains).toList();
            if (promotedCold.isEmpty()) {
                return Set.of();
            }
            Map<String, Price> cached =
                    cache.getAll(promotedCold).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Set<String> fresh = new HashSet<>();
            Set<String> abandoned = new TreeSet<>();
            for (String symbol : promotedCold) {
                Price price = cached.get(symbol);
                if (price != null && price.age(now).compareTo(SERVICE_REFRESH_LIMIT) <= 0) {
                    fresh.add(symbol);
                } else {
                    abandoned.add(symbol);
                }
            }
            if (!abandoned.isEmpty()) {
                LOG.warn(
                        "promoted but not refreshed by the service within {}: {}; the cold run refreshes them",
                        SERVICE_REFRESH_LIMIT,
                        abandoned);
            }
            return Set.copyOf(fresh);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        } catch (Exception e) {
            LOG.warn("could not read the promoted assets ({}): refreshing every cold asset", e.toString());
            return Set.of();
        }
    }
}
