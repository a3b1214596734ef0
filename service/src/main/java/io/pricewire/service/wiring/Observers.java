package io.pricewire.service.wiring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Factory;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Quote;
import io.pricewire.core.exchange.http.ExchangeListener;
import io.pricewire.core.refresh.RefreshListener;
import io.pricewire.core.refresh.RefreshReport;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.service.stream.FetchedQuotes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns core's observer hooks into Micrometer meters (names of docs/architecture.md §8) and logs. */
@Factory
final class Observers {
    private static final Logger LOG = LoggerFactory.getLogger("io.pricewire.exchange");

    @Singleton
    OperationTimer storeTimer(MeterRegistry registry) {
        return (op, nanos, ok) -> Timer.builder("pricewire.store.request")
                .tag("op", op)
                .tag("outcome", ok ? "ok" : "error")
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Singleton
    ExchangeListener exchangeListener(MeterRegistry registry) {
        Map<ExchangeId, AtomicInteger> states = new ConcurrentHashMap<>();
        Map<ExchangeId, AtomicInteger> unlisted = new ConcurrentHashMap<>();
        for (ExchangeId id : ExchangeId.values()) {
            AtomicInteger state = registry.gauge(
                    "pricewire.exchange.circuit.state", Tags.of("exchange", id.label()), new AtomicInteger(0));
            states.put(id, state);
            // pairs left out as not listed (market listing or unknown-pair answers), registered at start for every
            // exchange
            unlisted.put(
                    id,
                    registry.gauge(
                            "pricewire.exchange.unlisted.pairs",
                            Tags.of("exchange", id.label()),
                            new AtomicInteger(0)));
        }
        return new ExchangeListener() {
            @Override
            public void onRequest(ExchangeId exchange, String outcome, long nanos) {
                Timer.builder("pricewire.exchange.request")
                        .tag("exchange", exchange.label())
                        .tag("outcome", outcome)
                        .register(registry)
                        .record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void onBreakerState(ExchangeId exchange, String from, String to) {
                LOG.warn("circuit breaker for {} went from {} to {}", exchange.label(), from, to);
                // 0 closed, 1 half-open, 2 open: a line in Grafana that rises with trouble
                states.get(exchange)
                        .set(
                                switch (to) {
                                    case "open", "forced_open" -> 2;
                                    case "half_open" -> 1;
                                    default -> 0;
                                });
            }

            @Override
            public void onUnlistedPairs(ExchangeId exchange, int count) {
                unlisted.get(exchange).set(count);
            }
        };
    }

    @Singleton
    RefreshListener refreshListener(MeterRegistry registry, FetchedQuotes fetched) {
        return new RefreshListener() {
            @Override
            public void onRefresh(RefreshReport report) {
                Timer.builder("pricewire.refresh.duration")
                        .tag("tier", report.tier())
                        .tag("trigger", report.trigger())
                        .register(registry)
                        .record(Duration.ofMillis(report.durationMs()));
                count(registry, report.tier(), "refreshed", report.refreshed());
                count(registry, report.tier(), "degraded", report.degraded());
                count(registry, report.tier(), "failed", report.failed());
                count(registry, report.tier(), "skipped", report.skipped());
            }

            @Override
            public void onQuotes(List<Quote> quotes) {
                fetched.offer(quotes);
            }
        };
    }

    private static void count(MeterRegistry registry, String tier, String outcome, int n) {
        registry.counter("pricewire.refresh.assets", "tier", tier, "outcome", outcome)
                .increment(n);
    }
}
