package io.pricewire.core.cache.redis;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulConnection;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis connection that may not exist yet. Lettuce reconnects a connection it once made, but
 * a first {@code connect()} that fails throws, and a process that connects in a constructor
 * cannot start while Redis is down. This holder tries once at construction (so a reachable Redis
 * is attached before anything uses it, as before), then keeps trying in the background until it
 * succeeds; from then on Lettuce's own reconnection takes over.
 *
 * @param <T> the connection type (plain or pub/sub)
 */
public final class LazyRedisConnection<T extends StatefulConnection<?, ?>> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LazyRedisConnection.class);

    private final String name;
    private final Supplier<T> connect;
    private final Duration retryEvery;
    private final AtomicReference<T> connection = new AtomicReference<>();
    private volatile Thread attacher;
    private volatile boolean closed;

    /**
     * @param name       names the connection in logs
     * @param connect    opens the connection (and sets it up, e.g. subscribes); throws when Redis cannot be reached
     * @param retryEvery pause between background attempts
     */
    public LazyRedisConnection(String name, Supplier<T> connect, Duration retryEvery) {
        this.name = name;
        this.connect = connect;
        this.retryEvery = retryEvery;
        if (!tryConnect(true)) {
            attacher = Thread.ofVirtual().name("redis-attach-" + name).start(this::keepTrying);
        }
    }

    /** The connection once made; empty while Redis has not been reached since start. */
    public Optional<T> current() {
        return Optional.ofNullable(connection.get());
    }

    /**
     * A {@code type} (the connection's interface) that forwards every call to the connection once
     * made, and until then throws {@link RedisConnectionException} — callers see the same failure as
     * from a connection that lost Redis. {@code close()} closes this holder.
     */
    public <P> P proxy(Class<P> type) {
        InvocationHandler handler = (self, method, args) -> {
            switch (method.getName()) {
                case "close":
                    if (method.getParameterCount() == 0) {
                        close();
                        return null;
                    }
                    break;
                case "closeAsync":
                    close();
                    return CompletableFuture.completedFuture(null);
                case "isOpen":
                    return current().map(StatefulConnection::isOpen).orElse(false);
                case "equals":
                    return self == args[0];
                case "hashCode":
                    return System.identityHashCode(self);
                case "toString":
                    return "LazyRedisConnection[" + name + ", "
                            + (connection.get() == null ? "not attached" : "attached") + "]";
                default:
                    break;
            }
            T target = connection.get();
            if (target == null) {
                throw new RedisConnectionException(
                        "Redis (" + name + ") has not been reachable since start; still trying");
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    @Override
    public void close() {
        closed = true;
        Thread t = attacher;
        if (t != null) {
            t.interrupt();
        }
        T c = connection.getAndSet(null);
        if (c != null) {
            c.close();
        }
    }

    private void keepTrying() {
        while (!closed) {
            try {
                Thread.sleep(retryEvery.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (tryConnect(false)) {
                return;
            }
        }
    }

    private boolean tryConnect(boolean first) {
        try {
            T made = connect.get();
            if (closed) {
                made.close();
                return true;
            }
            connection.set(made);
            if (!first) {
                LOG.info("Redis ({}) reachable again: attached", name);
            }
            return true;
        } catch (RuntimeException e) {
            if (first) {
                LOG.warn(
                        "Redis ({}) unreachable at start ({}); starting without it and retrying every {} ms",
                        name,
                        e.getMessage(),
                        retryEvery.toMillis());
            } else {
                LOG.debug("Redis ({}) still unreachable: {}", name, e.getMessage());
            }
            return false;
        }
    }
}
