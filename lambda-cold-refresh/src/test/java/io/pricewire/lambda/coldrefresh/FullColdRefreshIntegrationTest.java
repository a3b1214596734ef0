package io.pricewire.lambda.coldrefresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.asset.TierBoundaries;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.price.Price;
import io.pricewire.sim.ExchangeSim;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One production-sized run: every cold asset of core's universe (~800) against the simulator with
 * the exchanges' real rate limits enforced. Prints the figures the lead reports: wall time and the
 * requests each exchange received.
 */
class FullColdRefreshIntegrationTest {
    private static final int REDIS_DB = 2;

    @Test
    void shouldRefreshTheWholeColdTierWithinTheExchangesRateLimitsWhenRunAtProductionSize() {
        ExchangeSim sim = TestSupport.sim();
        AssetUniverse universe = AssetUniverse.loadDefault();
        List<Asset> cold = universe.inTier(Tier.COLD, TierBoundaries.DEFAULT);
        ByteArrayOutputStream emf = new ByteArrayOutputStream();
        try (ColdRefreshWiring wiring = ColdRefreshWiring.create(
                TestSupport.config(TestSupport.redisUri(REDIS_DB)),
                universe,
                Clock.systemUTC(),
                new PrintStream(emf, true, StandardCharsets.UTF_8))) {
            wiring.store().createTableIfMissing();
            ColdRefreshHandler handler = new ColdRefreshHandler(wiring.job());
            sim.resetCounts();

            long started = System.nanoTime();
            ColdRefreshReport report =
                    handler.handleRequest(TestSupport.scheduledEvent(), TestSupport.context(Duration.ofMinutes(5)));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            StringBuilder figures = new StringBuilder("FULL COLD REFRESH: ")
                    .append(cold.size())
                    .append(" cold assets in ")
                    .append(took.toMillis())
                    .append(" ms; report ")
                    .append(report)
                    .append("; sim requests");
            for (ExchangeId e : ExchangeId.values()) {
                figures.append(' ')
                        .append(e.label())
                        .append('=')
                        .append(sim.requestCount(e))
                        .append(" (rate-limited ")
                        .append(sim.rateLimitedCount(e))
                        .append(')');
            }
            System.out.println(figures);

            assertThat(report.requested()).isEqualTo(cold.size()).isGreaterThanOrEqualTo(800);
            assertThat(report.refreshed() + report.degraded() + report.failed() + report.skipped())
                    .isEqualTo(report.requested());
            assertThat(report.exchangeErrors()).isEmpty();
            for (ExchangeId e : ExchangeId.values()) {
                assertThat(sim.rateLimitedCount(e))
                        .as("requests %s refused for exceeding its limit", e.label())
                        .isZero();
            }
            Map<String, Price> stored =
                    wiring.store().getAll(cold.stream().map(Asset::symbol).toList());
            assertThat(stored).hasSize(report.refreshed() + report.degraded());
            assertThat(report.failed()).isZero();
            List<String> off = new ArrayList<>();
            for (Price p : stored.values()) {
                BigDecimal truth = sim.truePrice(p.symbol());
                if (p.price()
                                .subtract(truth)
                                .abs()
                                .divide(truth, MathContext.DECIMAL64)
                                .compareTo(new BigDecimal("0.01"))
                        > 0) {
                    off.add(p.symbol() + " " + p.price() + " vs " + truth);
                }
            }
            assertThat(off)
                    .as("prices more than 1 % from the simulator's truth")
                    .isEmpty();
            assertThat(took)
                    .as("a 5-minute schedule needs the run well inside a minute")
                    .isLessThan(Duration.ofSeconds(60));
            long needCoinbase = cold.stream()
                    .filter(a -> a.listingOn(ExchangeId.COINBASE).isPresent())
                    .filter(a -> a.listings().size() - 1 < ColdRefreshJob.SPARE_PER_PRODUCT_AT)
                    .count();
            long onCoinbase = cold.stream()
                    .filter(a -> a.listingOn(ExchangeId.COINBASE).isPresent())
                    .count();
            assertThat(sim.requestCount(ExchangeId.COINBASE))
                    .as(
                            "one Coinbase call per cold product with fewer than two other sources (+ the stablecoins for FX "
                                    + "and the market listing), not all %d cold products",
                            onCoinbase)
                    .isBetween(needCoinbase, needCoinbase + 3);
        }
    }
}
