package io.pricewire.lambda.coldrefresh;

import io.lettuce.core.RedisURI;
import java.time.Duration;

/**
 * Where the price cache's Redis is. Resolved each time a connection is opened rather than once
 * at wiring, so a resolver that looks the endpoint up (ElastiCache discovery, to come) sees a
 * failover on the next invocation without a new execution environment.
 */
@FunctionalInterface
public interface RedisEndpoint {

    /** The endpoint to connect to now; throws {@link IllegalStateException} when it cannot be determined. */
    RedisURI resolve();

    /**
     * A fixed endpoint from a {@code redis://} or {@code rediss://} URI (credentials and database
     * in the URI, as Lettuce reads them), with {@code timeout} for commands and connecting.
     * The URI is parsed here so that a malformed one fails the function's init, not each run.
     */
    static RedisEndpoint fixed(String uri, Duration timeout) {
        RedisURI parsed;
        try {
            parsed = RedisURI.create(uri);
        } catch (IllegalArgumentException e) {
            // Lettuce's message quotes the URI, which may hold an auth token
            throw new IllegalArgumentException("REDIS_URI is not a valid redis:// or rediss:// URI");
        }
        parsed.setTimeout(timeout);
        return () -> parsed;
    }
}
