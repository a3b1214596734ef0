package io.pricewire.service.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.management.health.indicator.HealthResult;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.service.config.TierProperties;
import io.pricewire.service.startup.WarmUp;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Makes the {@link StatusResponse} from what the components already report: the meters they register (docs/
 * architecture.md §8) and the readiness probe. Reading the meters rather than the components keeps the summary
 * identical to what Prometheus and Grafana show, and ties it to no component's internals: the meters are their
 * published contract. A gauge that is absent (the streams off, or not yet registered) reads as its quiet state.
 */
@Singleton
class SystemStatus {
    private final MeterRegistry registry;
    private final DependencyHealth dependencies;
    private final TierProperties tiers;
    private final WarmUp warmUp;
    private final RequestRate requests;
    private final Clock clock;

    SystemStatus(
            MeterRegistry registry,
            DependencyHealth dependencies,
            TierProperties tiers,
            WarmUp warmUp,
            RequestRate requests,
            Clock clock) {
        this.registry = registry;
        this.dependencies = dependencies;
        this.tiers = tiers;
        this.warmUp = warmUp;
        this.requests = requests;
        this.clock = clock;
    }

    CompletableFuture<StatusResponse> current() {
        return dependencies.current().thenApply(this::summary);
    }

    private StatusResponse summary(HealthResult health) {
        return new StatusResponse(
                clock.instant(), warmUp.isDone(), freshness(), exchanges(), dependencies(health), requests.perSecond());
    }

    private List<StatusResponse.TierFreshness> freshness() {
        List<StatusResponse.TierFreshness> list = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            long ageMs = Math.round(gauge("pricewire.price.age", "tier", tier.label(), 0) * 1000);
            long limitMs = tiers.settings().staleAfter(tier).toMillis();
            list.add(new StatusResponse.TierFreshness(tier.label(), ageMs, limitMs, ageMs <= limitMs));
        }
        return list;
    }

    private List<StatusResponse.ExchangeState> exchanges() {
        boolean streams = registry.find("pricewire.stream.active").gauge() != null;
        boolean active = gauge("pricewire.stream.active", null, null, 0) > 0;
        List<StatusResponse.ExchangeState> list = new ArrayList<>();
        for (ExchangeId e : ExchangeId.values()) {
            String circuit = switch ((int) gauge("pricewire.exchange.circuit.state", "exchange", e.label(), 0)) {
                case 2 -> "open";
                case 1 -> "half_open";
                default -> "closed";
            };
            String stream;
            if (!streams) {
                stream = "disabled";
            } else if (!active) {
                stream = "standby";
            } else if (gauge("pricewire.stream.contributing", "exchange", e.label(), 0) > 0) {
                stream = "contributing";
            } else if (gauge("pricewire.stream.connected", "exchange", e.label(), 0) > 0) {
                stream = "connected";
            } else {
                stream = "down";
            }
            list.add(new StatusResponse.ExchangeState(e.label(), circuit, stream));
        }
        return list;
    }

    /** A dependency the probe did not report, or reported in any other way, counts as down. */
    static Dependencies dependencies(HealthResult health) {
        Map<?, ?> details = health.getDetails() instanceof Map<?, ?> map ? map : Map.of();
        return new Dependencies(up(details.get("redis")), up(details.get("dynamodb")));
    }

    private static String up(Object detail) {
        return "UP".equals(detail) ? "UP" : "DOWN";
    }

    private double gauge(String name, String tag, String value, double absent) {
        Gauge gauge = tag == null
                ? registry.find(name).gauge()
                : registry.find(name).tag(tag, value).gauge();
        return gauge == null ? absent : gauge.value();
    }
}
