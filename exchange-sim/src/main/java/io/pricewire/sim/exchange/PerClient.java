package io.pricewire.sim.exchange;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** One limiter per client IP, as the exchanges count public limits. */
final class PerClient<T> {
    private final Map<InetAddress, T> byClient = new ConcurrentHashMap<>();
    private final Supplier<T> factory;

    PerClient(Supplier<T> factory) {
        this.factory = factory;
    }

    T of(InetAddress client) {
        return byClient.computeIfAbsent(client, c -> factory.get());
    }
}
