package io.pricewire.lambda.coldrefresh;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The function's one Redis connection, opened on the first invocation rather than at init and
 * checked at the start of every invocation. A connection made during init would be frozen into
 * a SnapStart snapshot and be dead after restore; a connection lost between invocations (idle
 * timeout, failover) is replaced before it is used.
 */
final class RedisConnector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);

    private final RedisClient client;
    private final RedisEndpoint endpoint;
    private final Duration checkTimeout;
    private StatefulRedisConnection<String, byte[]> connection;

    RedisConnector(RedisClient client, RedisEndpoint endpoint, Duration checkTimeout) {
        this.client = client;
        this.endpoint = endpoint;
        this.checkTimeout = checkTimeout;
    }

    /**
     * Makes sure there is a working connection: keeps the current one when it answers a PING,
     * else opens a new one. Returns false, after logging why, when Redis cannot be reached now.
     */
    synchronized boolean connect() {
        if (connection != null && connection.isOpen() && answersPing(connection)) {
            return true;
        }
        closeQuietly();
        try {
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), endpoint.resolve());
            return true;
        } catch (RedisException | IllegalStateException e) {
            LOG.warn("Redis unreachable: {}", rootMessage(e));
            return false;
        }
    }

    /** The connection made by the last successful {@link #connect()}, or empty when it failed. */
    synchronized Optional<StatefulRedisConnection<String, byte[]>> connection() {
        return Optional.ofNullable(connection);
    }

    @Override
    public synchronized void close() {
        closeQuietly();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private boolean answersPing(StatefulRedisConnection<String, byte[]> current) {
        try {
            return "PONG".equals(current.async().ping().get(checkTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.info("Redis connection no longer answers ({}); reconnecting", rootMessage(e));
            return false;
        }
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a broken Redis connection failed", e);
            }
            connection = null;
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
