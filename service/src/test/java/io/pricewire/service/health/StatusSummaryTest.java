package io.pricewire.service.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.pricewire.testkit.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status summary's own arithmetic: the request rate over its window, and how a probe's details read. */
class StatusSummaryTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = MutableClock.at("2026-11-30T12:00:00Z");
    private final RequestRate rate = new RequestRate(registry, clock);

    @Test
    void shouldCountEveryRouteAndTheFastPathOverTheLastTenSeconds() {
        serve("GET /v1/prices/{symbol}", 50);
        serve("GET /v1/assets", 30);
        clock.advance(Duration.ofSeconds(4));
        assertThat(rate.perSecond()).isCloseTo(20.0, within(0.01));

        serve("GET /v1/assets", 120);
        clock.advance(Duration.ofSeconds(6));
        assertThat(rate.perSecond()).as("200 requests in 10 s").isCloseTo(20.0, within(0.01));

        clock.advance(Duration.ofSeconds(10));
        assertThat(rate.perSecond())
                .as("the requests of the first 10 s have left the window")
                .isZero();
    }

    @Test
    void shouldAnswerZeroBeforeTimeHasPassed() {
        serve("GET /v1/assets", 5);
        assertThat(rate.perSecond()).isZero();
    }

    @Test
    void shouldReadAnUnreportedOrUnhealthyDependencyAsDown() {
        HealthResult half = HealthResult.builder("dependencies", HealthStatus.UP)
                .details(Map.of("redis", "UP", "dynamodb", "DOWN"))
                .build();
        assertThat(SystemStatus.dependencies(half)).isEqualTo(new Dependencies("UP", "DOWN"));
        HealthResult bare =
                HealthResult.builder("dependencies", HealthStatus.DOWN).build();
        assertThat(SystemStatus.dependencies(bare)).isEqualTo(new Dependencies("DOWN", "DOWN"));
    }

    private void serve(String uri, int requests) {
        Timer timer = registry.timer("http.server.requests", "uri", uri);
        for (int i = 0; i < requests; i++) {
            timer.record(Duration.ofMillis(1));
        }
    }
}
