package io.pricewire.lambda.coldrefresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.asset.TierBoundaries;
import io.pricewire.core.price.Price;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cold tier with its interval shortened to 10 s: the handler, fired on that schedule as
 * EventBridge would, keeps every cold price younger than twice the interval for a sustained 35 s.
 */
class ColdTierFreshnessIntegrationTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final AssetUniverse UNIVERSE = TestSupport.universeWithColdAssets(40);
    private static final List<Asset> COLD = UNIVERSE.inTier(Tier.COLD, TierBoundaries.DEFAULT);

    @Test
    void shouldKeepEveryColdPriceInsideTwiceTheIntervalWhenFiredOnSchedule() throws InterruptedException {
        ColdRefreshWiring wiring = ColdRefreshWiring.create(TestSupport.config(TestSupport.redisUri(2)), UNIVERSE, Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            wiring.store().createTableIfMissing();
            ColdRefreshHandler handler = new ColdRefreshHandler(wiring.job());
            List<String> symbols = COLD.stream().map(Asset::symbol).toList();
            long worstMs = 0;
            Instant end = Instant.now().plus(Duration.ofSeconds(35));
            Instant nextFire = Instant.now();
            while (Instant.now().isBefore(end)) {
                if (!Instant.now().isBefore(nextFire)) {
                    handler.handleRequest(TestSupport.scheduledEvent(), TestSupport.context(Duration.ofMinutes(1)));
                    nextFire = nextFire.plus(INTERVAL);
                }
                Map<String, Price> stored = wiring.store().getAll(symbols);
                assertThat(stored).as("every cold asset has a price").hasSize(COLD.size());
                Instant now = Instant.now();
                for (Price p : stored.values()) {
                    worstMs = Math.max(worstMs, p.age(now).toMillis());
                }
                assertThat(worstMs).as("oldest cold price (ms)").isLessThan(INTERVAL.multipliedBy(2).toMillis());
                Thread.sleep(1_000);
            }
            System.out.printf("cold freshness over 35 s at a 10 s interval: oldest price %d ms (limit %d)%n", worstMs,
                    INTERVAL.multipliedBy(2).toMillis());
        } finally {
            wiring.close();
        }
    }
}
