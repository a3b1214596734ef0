package io.pricewire.service.lease;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.pricewire.core.cache.RedisKeys;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which instance runs a cycle: {@code SET <key> <instance> NX PX <ttl>}, with the lease keys
 * of {@link RedisKeys}. The lease is never released early — it expires on its own, so an instance
 * that dies mid-cycle blocks the next cycle for at most one TTL, and two instances can never both
 * run the same cycle. When
 * Redis cannot be asked, {@link #tryAcquire} runs the cycle anyway: refreshing twice is harmless
 * (writes are newer-wins), not refreshing is not. Callers whose cycle costs a shared budget (the
 * exchanges' per-IP limits) ask {@link #take} instead, which tells that case apart.
 */
@Singleton
public class RedisLease {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLease.class);
    private final StatefulRedisConnection<String, String> redis;
    private final String instanceId = UUID.randomUUID().toString();

    RedisLease(StatefulRedisConnection<String, String> redis) {
        this.redis = redis;
    }

    /** What asking for a lease found out. */
    public enum Answer {
        /** This instance holds the lease for the TTL. */
        ACQUIRED,
        /** Another instance holds it. */
        HELD_ELSEWHERE,
        /** Redis could not be asked: every instance may be running the cycle. */
        UNREACHABLE
    }

    public boolean tryAcquire(String key, Duration ttl) {
        Answer answer = take(key, ttl);
        if (answer == Answer.UNREACHABLE) {
            LOG.warn("could not ask Redis for lease {}; running the cycle anyway", key);
        }
        return answer != Answer.HELD_ELSEWHERE;
    }

    /** Asks for the lease {@code key} for {@code ttl}. */
    public Answer take(String key, Duration ttl) {
        try {
            String answer = redis.async()
                    .set(key, instanceId, SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis())))
                    .get(1, TimeUnit.SECONDS);
            return "OK".equals(answer) ? Answer.ACQUIRED : Answer.HELD_ELSEWHERE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.UNREACHABLE;
        } catch (Exception e) {
            LOG.debug("could not ask Redis for lease {}: {}", key, e.toString());
            return Answer.UNREACHABLE;
        }
    }
}
