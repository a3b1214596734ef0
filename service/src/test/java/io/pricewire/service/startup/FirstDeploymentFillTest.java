package io.pricewire.service.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A first deployment: the table is empty. The instance fills the cold tier from the exchanges before
 * it reports ready, so its first readers of cold assets are answered from memory, not by misses.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstDeploymentFillTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry registry;

    @Inject
    WarmUp warmUp;

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(TestStack.QUIET, Map.of("pricewire.warm-up.fill-cold", "true"));
    }

    @Test
    void shouldFillTheColdTierBeforeReadinessWhenTheTableIsEmpty() {
        Http http = new Http(server.getURI());
        http.awaitReady();
        Matcher filled = Pattern.compile("filled (\\d+) of (\\d+) never-stored cold assets")
                .matcher(warmUp.status());
        assertThat(filled.find()).as(warmUp.status()).isTrue();
        int cold = Integer.parseInt(filled.group(2));
        assertThat(cold).isEqualTo(TestStack.universe().size() - 200);
        System.out.println("first-deployment warm-up: " + warmUp.status());

        List<Asset> all = TestStack.universe().all();
        // the cold assets some exchange besides Coinbase quotes: Coinbase's one call per product may not reach them all
        List<Asset> sample = all.subList(200, all.size()).stream()
                .filter(a -> a.listings().keySet().stream().anyMatch(e -> e != ExchangeId.COINBASE))
                .limit(100)
                .toList();
        double missesBefore = misses();
        for (Asset a : sample) {
            Http.Answer answer = http.get("/v1/prices/" + a.symbol());
            assertThat(answer.status()).as(a.symbol() + ": " + answer.body()).isEqualTo(200);
        }
        assertThat(misses() - missesBefore)
                .as("cold reads that had to go to the exchanges")
                .isZero();
        assertThat(Integer.parseInt(filled.group(1)))
                .as("cold assets filled")
                .isGreaterThanOrEqualTo(cold - countCoinbaseOnly(all));
    }

    private static int countCoinbaseOnly(List<Asset> assets) {
        return (int) assets.stream()
                .filter(a -> a.listings().keySet().equals(Set.of(ExchangeId.COINBASE)))
                .count();
    }

    private double misses() {
        return registry.find("pricewire.cache.requests").tag("layer", "exchange").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
