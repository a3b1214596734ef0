package io.pricewire.service.wiring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/** Latency meters as Prometheus histograms, so P95/P99 come out of PromQL across instances. */
@Factory
final class MeterSettings {
    private static final List<String> HISTOGRAMS =
            List.of("http.server.requests", "pricewire.refresh.duration", "pricewire.exchange.request", "pricewire.store.request");

    @Singleton
    MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (HISTOGRAMS.stream().noneMatch(id.getName()::startsWith)) {
                    return config;
                }
                // bucket edges exactly at the SLO thresholds, so the P95 < 80 ms / P99 < 100 ms alerts are exact
                return DistributionStatisticConfig.builder().percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(30).toNanos())
                        .serviceLevelObjectives(Duration.ofMillis(80).toNanos(), Duration.ofMillis(100).toNanos())
                        .build().merge(config);
            }
        };
    }
}
