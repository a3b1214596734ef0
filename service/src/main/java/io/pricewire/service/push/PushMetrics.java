package io.pricewire.service.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The streams' meters (Prometheus names in docs/architecture.md §8): {@code pricewire_sse_streams_open},
 * {@code pricewire_sse_events_sent_total}, {@code pricewire_sse_writes_total} (the socket writes that carried them: the
 * ratio is how well a stream's waiting events are batched), {@code pricewire_sse_events_conflated_total},
 * {@code pricewire_sse_disconnects_total{reason}}, {@code pricewire_sse_refused_total{reason}} and the histogram
 * {@code pricewire_sse_delivery_delay_seconds}: from the moment the instance heard a price published on Redis (the
 * Redis hop itself is well under a millisecond) to the write of its event to the socket; snapshot prices, published
 * before their stream began, are not in it.
 */
@Singleton
class PushMetrics {
    /** Why the server ended a stream (a client leaving is {@code client}). */
    static final List<String> DISCONNECTS = List.of("client", "slow_consumer", "max_duration", "shutdown");
    /** Why a stream was refused before it started. */
    static final List<String> REFUSALS = List.of("instance_limit", "client_limit");

    private final MeterRegistry registry;
    private final Counter sent;
    private final Counter writes;
    private final Counter conflated;
    private final Timer delay;
    private final Map<String, Counter> disconnects = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();

    PushMetrics(MeterRegistry registry) {
        this.registry = registry;
        sent = Counter.builder("pricewire.sse.events.sent")
                .description("price events written to streams")
                .register(registry);
        writes = Counter.builder("pricewire.sse.writes")
                .description("socket writes of price events, each with every event its stream had waiting")
                .register(registry);
        conflated = Counter.builder("pricewire.sse.events.conflated")
                .description("price events replaced by a newer price of the same symbol before a slow stream took them")
                .register(registry);
        delay = Timer.builder("pricewire.sse.delivery.delay")
                .description("from hearing a price published on Redis to its event's write to the socket")
                .register(registry);
        DISCONNECTS.forEach(r -> disconnects.put(r, registry.counter("pricewire.sse.disconnects", "reason", r)));
        REFUSALS.forEach(r -> refusals.put(r, registry.counter("pricewire.sse.refused", "reason", r)));
    }

    void open(Supplier<Number> streams) {
        Gauge.builder("pricewire.sse.streams.open", streams)
                .description("open streams")
                .register(registry);
    }

    /** A price event written, {@code delayMs} after the instance heard it published; negative for a snapshot's. */
    void sent(long delayMs) {
        sent.increment();
        if (delayMs >= 0) {
            delay.record(delayMs, TimeUnit.MILLISECONDS);
        }
    }

    /** One write to a stream's socket of the price events it had waiting. */
    void wrote() {
        writes.increment();
    }

    void conflated() {
        conflated.increment();
    }

    void disconnected(String reason) {
        disconnects.get(reason).increment();
    }

    void refused(String reason) {
        refusals.get(reason).increment();
    }
}
