package io.pricewire.service.health;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.pricewire.core.store.PriceStore;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness detail for Redis and DynamoDB. A dead dependency makes the instance
 * {@code DEGRADED} — still ready (HTTP 200): it keeps answering from the other layers, and taking
 * every instance out of the load balancer because a shared dependency died would turn a
 * degradation into an outage. Probes are cached for two seconds so health checks cannot load them.
 */
@Singleton
@Readiness
class DependencyHealth implements HealthIndicator {
    static final HealthStatus DEGRADED =
            new HealthStatus("DEGRADED", "a dependency is down; serving from the others", true, 1);
    private static final Duration CACHE_FOR = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(DependencyHealth.class);

    private final StatefulRedisConnection<String, String> redis;
    private final PriceStore store;
    private final Clock clock;
    private final ExecutorService executor;
    private volatile HealthResult last;
    private volatile Instant lastAt = Instant.EPOCH;

    DependencyHealth(
            StatefulRedisConnection<String, String> redis,
            PriceStore store,
            Clock clock,
            @Named("refresh") ExecutorService executor) {
        this.executor = executor;
        this.redis = redis;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(current());
    }

    /** The last probe's result while it is under two seconds old, else a new probe's. */
    CompletableFuture<HealthResult> current() {
        Instant now = clock.instant();
        HealthResult cached = last;
        if (cached != null && !now.isAfter(lastAt.plus(CACHE_FOR))) {
            return CompletableFuture.completedFuture(cached);
        }
        // the probes block (a PING, a GetItem): never on the event loop
        return CompletableFuture.supplyAsync(
                () -> {
                    HealthResult fresh = probe();
                    last = fresh;
                    lastAt = clock.instant();
                    return fresh;
                },
                executor);
    }

    private HealthResult probe() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("redis", redisUp() ? "UP" : "DOWN");
        details.put("dynamodb", storeUp() ? "UP" : "DOWN");
        boolean allUp = details.values().stream().allMatch("UP"::equals);
        return HealthResult.builder("dependencies", allUp ? HealthStatus.UP : DEGRADED)
                .details(details)
                .build();
    }

    private boolean redisUp() {
        try {
            return "PONG".equals(redis.async().ping().get(500, TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            LOG.warn("readiness probe: Redis unreachable: {}", e.toString());
            return false;
        }
    }

    private boolean storeUp() {
        try {
            store.get("__health__");
            return true;
        } catch (PriceStore.StoreException e) {
            LOG.warn("readiness probe: DynamoDB unreachable: {}", e.getMessage());
            return false;
        }
    }
}
