package io.pricewire.service.refresh;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which instance runs a cycle: {@code SET lease:{name} <instance> NX PX <ttl>}. The lease
 * is never released early — it expires on its own, so an instance that dies mid-cycle blocks the
 * next cycle for at most one TTL, and two instances can never both run the same cycle. When
 * Redis cannot be asked, the cycle runs anyway: refreshing twice is harmless (writes are
 * newer-wins), not refreshing is not.
 */
@Singleton
public class RefreshLease {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshLease.class);
    private final StatefulRedisConnection<String, String> redis;
    private final String instanceId = UUID.randomUUID().toString();

    RefreshLease(StatefulRedisConnection<String, String> redis) {
        this.redis = redis;
    }

    public boolean tryAcquire(String name, Duration ttl) {
        try {
            String answer = redis.async().set("lease:" + name, instanceId, SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis())))
                    .get(1, TimeUnit.SECONDS);
            return "OK".equals(answer);
        } catch (Exception e) {
            LOG.warn("could not ask Redis for lease {} ({}); running the cycle anyway", name, e.toString());
            return true;
        }
    }

    public String instanceId() {
        return instanceId;
    }
}
