package io.pricewire.service.lease;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.pricewire.core.cache.RedisKeys;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
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
    /** Extends the lease when the caller holds it, else takes it when free: 1 = held by the caller now. */
    private static final String HOLD = "if redis.call('GET', KEYS[1]) == ARGV[1] then"
            + " redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end"
            + " if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end return 0";

    private static final String RELEASE =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

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

    /**
     * Takes the lease {@code key} for {@code ttl}, or extends it when this instance holds it already: for a role one
     * instance keeps as long as it lives (the streams), where {@link #take} serves one cycle at a time.
     */
    public Answer hold(String key, Duration ttl) {
        return ask(
                key,
                () -> Long.valueOf(1)
                        .equals(redis.async()
                                .<Long>eval(HOLD, ScriptOutputType.INTEGER, new String[] {key}, instanceId, millis(ttl))
                                .get(1, TimeUnit.SECONDS)));
    }

    /**
     * Gives up {@code key} when this instance holds it, so that another instance takes over at its next attempt
     * rather than after the TTL (a graceful shutdown). Best effort: an unreachable Redis lets the lease expire.
     */
    public void release(String key) {
        try {
            redis.async()
                    .eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, instanceId)
                    .get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("could not release lease {}: {}", key, e.toString());
        }
    }

    /** Asks for the lease {@code key} for {@code ttl}. */
    public Answer take(String key, Duration ttl) {
        return ask(
                key,
                () -> "OK"
                        .equals(redis.async()
                                .set(key, instanceId, SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis())))
                                .get(1, TimeUnit.SECONDS)));
    }

    /** {@code question} answers whether this instance holds the lease now; it waits at most a second for Redis. */
    private Answer ask(String key, Callable<Boolean> question) {
        try {
            return question.call() ? Answer.ACQUIRED : Answer.HELD_ELSEWHERE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.UNREACHABLE;
        } catch (Exception e) {
            LOG.debug("could not ask Redis for lease {}: {}", key, e.toString());
            return Answer.UNREACHABLE;
        }
    }

    private static String millis(Duration ttl) {
        return Long.toString(Math.max(1, ttl.toMillis()));
    }
}
