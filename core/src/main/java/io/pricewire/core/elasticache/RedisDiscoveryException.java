package io.pricewire.core.elasticache;

/**
 * The Redis endpoints cannot be determined now: the replication group is missing or not ready,
 * or ElastiCache or Secrets Manager refused or could not be reached. An {@link IllegalStateException}
 * so that callers treating "no Redis endpoint" as a state (the cold Lambda carries on without
 * Redis) catch it with the rest. Messages name the replication group or secret, never the token.
 */
public final class RedisDiscoveryException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public RedisDiscoveryException(String message) {
        super(message);
    }

    public RedisDiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
