package io.pricewire.service.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.Meters;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.tiers.TierDirectory;
import io.pricewire.sim.ExchangeSim;
import io.pricewire.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With every stream unreachable the hot tier falls back to the tickers' polling: prices keep being served, as fresh
 * as the 5 s interval makes them, without one failed GET, while the streams keep retrying with back-off. Not
 * timing-sensitive: its age limit is three hot intervals, which a busy machine keeps.
 */
class StreamFallbackTest {

    @Test
    void shouldServeTheHotTierFromTheTickersWhenNoStreamCanConnect() {
        try (ExchangeSim sim = StreamStack.startSim()) {
            Map<String, String> overrides = new HashMap<>();
            String nowhere = "ws://127.0.0.1:" + closedPort();
            for (ExchangeId e : ExchangeId.values()) {
                overrides.put("pricewire.streams." + e.label(), nowhere);
            }
            overrides.put("pricewire.tiers.hot-interval", "2s");
            try (EmbeddedServer server = TestStack.start(StreamStack.properties(sim, overrides))) {
                MeterRegistry registry = server.getApplicationContext().getBean(MeterRegistry.class);
                Http http = new Http(server.getURI()).awaitReady();
                List<String> hot =
                        server.getApplicationContext().getBean(TierDirectory.class).members(Tier.HOT).stream()
                                .map(Asset::symbol)
                                .toList();

                List<Duration> ages = new ArrayList<>();
                long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (System.nanoTime() < end) {
                    ages.addAll(StreamStack.ages(http, hot)); // fails on any non-200
                    Await.pause(Duration.ofMillis(200));
                }

                assertThat(server.getApplicationContext()
                                .getBean(StreamIngester.class)
                                .isActive())
                        .isTrue();
                assertThat(ages).hasSizeGreaterThanOrEqualTo(hot.size() * 10);
                // polling's limit: one 2 s interval plus a cycle's time, with room for a loaded machine
                assertThat(StreamStack.quantile(ages, 0.99)).isLessThan(Duration.ofSeconds(6));
                for (ExchangeId e : ExchangeId.values()) {
                    assertThat(Meters.count(
                                    registry, "pricewire.stream.reconnects", "exchange", e.label(), "reason", "error"))
                            .as(e.label())
                            .isPositive()
                            // back-off from 1 s, doubling: a handful of attempts in ten seconds, not hundreds
                            .isLessThan(8);
                    assertThat(Meters.count(registry, "pricewire.stream.publishes", "outcome", "written"))
                            .isZero();
                }
            }
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
