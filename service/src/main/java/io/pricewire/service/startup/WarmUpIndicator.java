package io.pricewire.service.startup;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/** Readiness: DOWN until the cache warm-up has finished. */
@Singleton
@Readiness
class WarmUpIndicator implements HealthIndicator {
    private final WarmUp warmUp;

    WarmUpIndicator(WarmUp warmUp) {
        this.warmUp = warmUp;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("warmup", warmUp.isDone() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("status", warmUp.status()))
                .build());
    }
}
