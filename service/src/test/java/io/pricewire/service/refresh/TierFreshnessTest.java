package io.pricewire.service.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.core.asset.Tier;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With intervals shortened to 2 s (hot) and 6 s (medium), the tickers keep every sampled price
 * of each tier younger than twice its interval for a sustained 20 s, and the age gauge agrees.
 * (1 s cycles also work on an idle machine, but not reliably while the rest of the suite, the
 * simulator and dynalite share its two cores.)
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TierFreshnessTest implements TestPropertyProvider {
    private static final List<String> HOT = List.of("BTC", "ETH", "SOL", "TON");
    private static final List<String> MEDIUM = List.of("UNI", "AAVE", "XMR", "KSM");

    @Inject
    EmbeddedServer server;
    @Inject
    MeterRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(TestStack.FAST_TIERS, TestStack.FIXED_TIERS);
    }

    @Test
    void shouldKeepHotAndMediumPricesInsideTwiceTheirIntervalForASustainedPeriod() throws InterruptedException {
        Http http = new Http(server.getURI());
        http.awaitReady();
        long worstHot = 0;
        long worstMedium = 0;
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(end)) {
            for (String s : HOT) {
                worstHot = Math.max(worstHot, ageMs(http, s, "hot"));
            }
            for (String s : MEDIUM) {
                worstMedium = Math.max(worstMedium, ageMs(http, s, "medium"));
            }
            assertThat(gauge(Tier.HOT)).isLessThan(4.0);
            assertThat(gauge(Tier.MEDIUM)).isLessThan(12.0);
            Thread.sleep(250);
        }
        assertThat(worstHot).as("oldest hot price seen (ms)").isLessThan(4_000);
        assertThat(worstMedium).as("oldest medium price seen (ms)").isLessThan(12_000);
        System.out.printf("freshness over 20 s: hot max age %d ms (limit 4000), medium max age %d ms (limit 12000)%n", worstHot, worstMedium);
    }

    private double gauge(Tier tier) {
        return registry.get("pricewire.price.age").tag("tier", tier.label()).gauge().value();
    }

    private static long ageMs(Http http, String symbol, String tier) {
        Http.Answer a = http.get("/v1/prices/" + symbol);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("tier").asText()).isEqualTo(tier);
        assertThat(a.json().get("stale").asBoolean()).as(a.body()).isFalse();
        return a.json().get("ageMs").asLong();
    }
}
