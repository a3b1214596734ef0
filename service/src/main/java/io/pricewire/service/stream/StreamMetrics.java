package io.pricewire.service.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.stream.StreamMessage;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The streams' meters (Prometheus names in docs/architecture.md §8): {@code pricewire_stream_connected},
 * {@code _contributing}, {@code _active}, {@code _messages_total}, {@code _reconnects_total}, {@code _publishes_total}
 * and the histogram {@code pricewire_stream_publish_delay_seconds}. Every exchange's gauges exist from the start, so a
 * stream that never connected shows as 0 rather than as no data.
 */
@Singleton
public class StreamMetrics {
    /** Why a stream was reconnected: the {@code reason} tag of {@code pricewire_stream_reconnects_total}. */
    static final List<String> REASONS = List.of("closed", "error", "silent", "shutdown", "max_age");
    /** What became of a streamed aggregate: the {@code outcome} tag of {@code pricewire_stream_publishes_total}. */
    static final List<String> OUTCOMES = List.of("written", "skipped", "failed");

    private final MeterRegistry registry;
    private final Map<ExchangeId, AtomicInteger> connected = new EnumMap<>(ExchangeId.class);
    private final Map<ExchangeId, AtomicInteger> contributing = new EnumMap<>(ExchangeId.class);
    private final AtomicInteger active;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer publishDelay;

    StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (ExchangeId e : ExchangeId.values()) {
            connected.put(
                    e,
                    registry.gauge("pricewire.stream.connected", Tags.of("exchange", e.label()), new AtomicInteger()));
            contributing.put(
                    e,
                    registry.gauge(
                            "pricewire.stream.contributing", Tags.of("exchange", e.label()), new AtomicInteger()));
        }
        active = registry.gauge("pricewire.stream.active", new AtomicInteger());
        // at 0 from the start, so rates and increases see the first event
        for (ExchangeId e : ExchangeId.values()) {
            REASONS.forEach(reason -> counter("pricewire.stream.reconnects", "exchange", e.label(), "reason", reason));
        }
        OUTCOMES.forEach(outcome -> counter("pricewire.stream.publishes", "outcome", outcome, null, null));
        publishDelay = Timer.builder("pricewire.stream.publish.delay")
                .description("from the newest contributing exchange event to the Redis publish of its aggregate")
                .register(registry);
    }

    void connected(ExchangeId exchange, boolean up) {
        connected.get(exchange).set(up ? 1 : 0);
    }

    void contributing(ExchangeId exchange, boolean yes) {
        contributing.get(exchange).set(yes ? 1 : 0);
    }

    /** Whether this instance holds the stream lease and runs the streams. */
    void active(boolean yes) {
        active.set(yes ? 1 : 0);
    }

    void message(ExchangeId exchange, StreamMessage.Kind kind) {
        count(
                "pricewire.stream.messages",
                "exchange",
                exchange.label(),
                "kind",
                kind.name().toLowerCase(Locale.ROOT));
    }

    void reconnect(ExchangeId exchange, String reason) {
        count("pricewire.stream.reconnects", "exchange", exchange.label(), "reason", reason);
    }

    /** An aggregate the streams produced: {@code written}, {@code skipped} (a newer one was cached) or {@code failed}. */
    void publish(String outcome) {
        count("pricewire.stream.publishes", "outcome", outcome, null, null);
    }

    void publishDelay(Duration delay) {
        publishDelay.record(delay.isNegative() ? Duration.ZERO : delay);
    }

    private void count(String name, String k1, String v1, String k2, String v2) {
        counter(name, k1, v1, k2, v2).increment();
    }

    private Counter counter(String name, String k1, String v1, String k2, String v2) {
        return counters.computeIfAbsent(name + '|' + v1 + '|' + v2, k -> {
            Tags tags = k2 == null ? Tags.of(k1, v1) : Tags.of(k1, v1, k2, v2);
            return registry.counter(name, tags);
        });
    }
}
