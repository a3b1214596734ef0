package io.pricewire.testkit;

import java.net.URI;

/**
 * One Redis and one dynalite per test JVM, started on first use and stopped when the JVM exits.
 * {@code REDIS_URI} / {@code DYNAMODB_ENDPOINT} point the tests at servers that already run.
 * Tests that stop a server on purpose start their own with {@link RedisServer} / {@link Dynalite}.
 */
public final class SharedServers {
    private static RedisServer redis;
    private static Dynalite dynalite;

    private SharedServers() {}

    public static synchronized String redisUri() {
        String external = System.getenv("REDIS_URI");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (redis == null) {
            redis = RedisServer.startOnFreePort();
            Runtime.getRuntime().addShutdownHook(new Thread(redis::stop, "stop-test-redis"));
        } else if (!redis.isRunning()) {
            redis.start(); // something outside this JVM killed it: bring it back on the same port
        }
        return redis.uri();
    }

    public static synchronized URI dynamoEndpoint() {
        String external = System.getenv("DYNAMODB_ENDPOINT");
        if (external != null && !external.isBlank()) {
            return URI.create(external);
        }
        if (dynalite == null) {
            dynalite = Dynalite.startOnFreePort();
            Runtime.getRuntime().addShutdownHook(new Thread(dynalite::stop, "stop-test-dynalite"));
        } else if (!dynalite.isRunning()) {
            dynalite.start();
        }
        return dynalite.endpoint();
    }
}
