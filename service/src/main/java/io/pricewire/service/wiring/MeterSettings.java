package io.pricewire.service.wiring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Latency meters as Prometheus histograms, so P95/P99 come out of PromQL across instances. */
@Factory
final class MeterSettings {
    private static final List<String> HISTOGRAMS = List.of(
            "http.server.requests",
            "pricewire.refresh.duration",
            "pricewire.exchange.request",
            "pricewire.store.request",
            "pricewire.stream.publish.delay",
            "pricewire.sse.delivery.delay");

    private static final double[] BUCKETS = Stream.of(1, 2, 5, 10, 25, 50, 80, 100, 250, 500, 1000, 2500, 5000, 10000)
            .mapToDouble(ms -> Duration.ofMillis(ms).toNanos())
            .toArray();

    @Singleton
    MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (HISTOGRAMS.stream().noneMatch(id.getName()::startsWith)) {
                    return config;
                }
                // a dozen fixed buckets with edges exactly at the SLO thresholds (80 and 100 ms), so the alerts
                // are exact; Micrometer's ~70-bucket percentile histogram cost the read path a measurable share
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(false)
                        .serviceLevelObjectives(BUCKETS)
                        .build()
                        .merge(config);
            }
        };
    }
}
