package io.pricewire.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * A real Redis for tests on a free loopback port: {@code redis-server} from the PATH, else the
 * embedded binary shipped by {@code com.github.codemonstur:embedded-redis}. No persistence.
 * {@link #stop()} and {@link #start()} may be called repeatedly (dependency-failure tests); the
 * port stays the same.
 */
public final class RedisServer implements AutoCloseable {
    private final int port;
    private ChildProcess process;
    private redis.embedded.RedisServer embedded;

    private RedisServer(int port) {
        this.port = port;
    }

    /** A server on a free port, not started yet: for tests of a client that starts before its Redis. */
    public static RedisServer onFreePort() {
        return new RedisServer(FreePort.find());
    }

    public static RedisServer startOnFreePort() {
        RedisServer server = new RedisServer(FreePort.find());
        server.start();
        return server;
    }

    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        if (ChildProcess.onPath("redis-server")) {
            process = ChildProcess.start(
                    List.of(
                            "redis-server",
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--protected-mode",
                            "yes",
                            "--loglevel",
                            "warning"),
                    null,
                    ChildProcess.logFile("redis-" + port));
            FreePort.awaitListening(port, Duration.ofSeconds(20), process.process());
        } else {
            try {
                embedded = redis.embedded.RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
                embedded.start();
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "could not start the embedded Redis (install redis-server to use the system one)", e);
            }
            FreePort.awaitListening(port, Duration.ofSeconds(20), null);
        }
    }

    public synchronized void stop() {
        if (process != null) {
            process.stop();
            process = null;
        }
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            embedded = null;
        }
    }

    public synchronized boolean isRunning() {
        return (process != null && process.process().isAlive()) || embedded != null;
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
