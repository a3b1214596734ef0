package io.pricewire.service.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.asset.TierBoundaries;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.sim.Fault;
import io.pricewire.sim.FaultMode;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * From an empty table, with OKX quoting every price ×10: a hot, a medium and a cold asset are
 * each served within 1 % of the simulator's hidden true price, with OKX listed as an outlier.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmptyTableEndToEndTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        // before the service starts, so warm-up already sees the faulty exchange
        TestStack.sim().setFault(ExchangeId.OKX, new Fault(FaultMode.OUTLIER, null, 10.0));
        return TestStack.properties();
    }

    @AfterAll
    void clearFault() {
        TestStack.sim().clearFault(ExchangeId.OKX);
    }

    @Test
    void shouldServeHotMediumAndColdPricesWithinOnePercentWhileOneExchangeSendsOutliers() {
        Http http = new Http(server.getURI());
        // as behind a load balancer: before readiness the warm-up takes the exchanges' shared budget
        http.awaitReady();
        for (Tier tier : Tier.values()) {
            Asset asset = withThreeSourcesIncludingOkx(tier);
            Http.Answer a = http.get("/v1/prices/" + asset.symbol());
            assertThat(a.status()).as(asset.symbol() + ": " + a.body()).isEqualTo(200);
            JsonNode p = a.json();
            assertThat(p.get("tier").asText()).isEqualTo(tier.label());
            BigDecimal served = new BigDecimal(p.get("price").asText());
            BigDecimal truth = TestStack.sim().truePrice(asset.symbol());
            assertThat(served.subtract(truth).abs().divide(truth, MathContext.DECIMAL64))
                    .as("%s served %s, truth %s", asset.symbol(), served, truth)
                    .isLessThan(new BigDecimal("0.01"));
            assertThat(p.get("rejected").findValuesAsText("exchange"))
                    .as(a.body())
                    .contains("okx");
            assertThat(p.get("rejected").findValuesAsText("reason")).contains("outlier");
            assertThat(p.get("sources").findValuesAsText("exchange")).doesNotContain("okx");
        }
    }

    private static Asset withThreeSourcesIncludingOkx(Tier tier) {
        return TestStack.universe().inTier(tier, TierBoundaries.DEFAULT).stream()
                .filter(a -> a.listings().size() >= 3 && a.listings().containsKey(ExchangeId.OKX))
                .skip(tier == Tier.HOT ? 0 : 5)
                .findFirst()
                .orElseThrow();
    }
}
