package io.pricewire.service.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two service instances on one Redis and one table: each hot and medium cycle runs on one of
 * them only, counted as OKX calls at the simulator (one bulk /tickers call per cycle).
 */
class OneCyclePerTierAcrossInstancesTest {

    @Test
    void shouldRunEachTierCycleOnExactlyOneInstanceWhenTwoShareRedis() throws InterruptedException {
        Map<String, Object> props = new HashMap<>(TestStack.properties());
        props.put("pricewire.tiers.hot-interval", "1s");
        props.put("pricewire.tiers.medium-interval", "2s");
        props.put("pricewire.demand.enabled", "false");
        try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, props);
             EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, props)) {
            new Http(first.getURI()).awaitReady();
            new Http(second.getURI()).awaitReady();
            Thread.sleep(1_000);
            TestStack.sim().resetCounts();
            long windowMs = 10_000;
            Thread.sleep(windowMs);
            long okxCalls = TestStack.sim().requestCount(ExchangeId.OKX);
            // one instance alone: 10 hot + 5 medium cycles (±1 each for phase); both without a lease: twice that
            System.out.printf("OKX calls in %d ms with two instances: %d (one instance would make ~15)%n", windowMs, okxCalls);
            assertThat(okxCalls).isBetween(12L, 18L);
        }
    }
}
