package io.pricewire.lambda.coldrefresh;

import io.lettuce.core.RedisURI;
import io.pricewire.core.elasticache.RedisDiscoveryException;
import io.pricewire.core.elasticache.RedisEndpointResolver;
import java.time.Duration;

/**
 * Where the price cache's Redis is. Resolved each time a connection is opened rather than once
 * at wiring, so ElastiCache discovery sees a replaced node or a rotated AUTH token on the next
 * invocation without a new execution environment.
 */
@FunctionalInterface
public interface RedisEndpoint {

    /** The endpoint to connect to now; throws {@link IllegalStateException} when it cannot be determined. */
    RedisURI resolve();

    /**
     * The primary endpoint as {@code resolver} finds it now (the fixed {@code REDIS_URI}, or the
     * replication group's primary with TLS and the AUTH token), with {@code timeout} for commands
     * and connecting. A discovery failure is a {@link RedisDiscoveryException}, an
     * {@link IllegalStateException}: the run carries on without Redis.
     */
    static RedisEndpoint discovered(RedisEndpointResolver resolver, Duration timeout) {
        return () -> {
            RedisURI uri = resolver.resolve().primaryRedisUri();
            uri.setTimeout(timeout);
            return uri;
        };
    }
}
