package io.pricewire.sim.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketTest {
    private static final AssetUniverse UNIVERSE = AssetUniverse.loadDefault();
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");

    @Test
    void shouldRepeatTheSamePricesWhenTheSeedIsTheSame() {
        Market a = new Market(UNIVERSE, 7, clock);
        Market b = new Market(UNIVERSE, 7, clock);
        for (int i = 0; i < 50; i++) {
            a.tick();
            b.tick();
        }
        for (int i = 0; i < UNIVERSE.size(); i++) {
            assertThat(a.snapshot().usd(i)).isEqualTo(b.snapshot().usd(i));
        }
    }

    @Test
    void shouldWalkDifferentlyWhenTheSeedDiffers() {
        Market a = new Market(UNIVERSE, 7, clock);
        Market b = new Market(UNIVERSE, 8, clock);
        a.tick();
        b.tick();
        int btc = a.indexOf("BTC").orElseThrow();
        assertThat(a.snapshot().usd(btc)).isNotEqualTo(b.snapshot().usd(btc));
    }

    @Test
    void shouldStartFromRealisticLevelsWhenTheSymbolIsWellKnown() {
        Market m = new Market(UNIVERSE, 1, clock);
        assertThat(m.snapshot().usd(m.indexOf("BTC").orElseThrow())).isCloseTo(95_000.0, within(1e-6));
        assertThat(m.snapshot().usd(m.indexOf("ETH").orElseThrow())).isCloseTo(3_500.0, within(1e-6));
        assertThat(m.snapshot().usd(m.indexOf("USDT").orElseThrow())).isCloseTo(1.0, within(1e-9));
        assertThat(m.snapshot().usd(m.indexOf("DOGE").orElseThrow())).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void shouldStartBetweenOneTenThousandthAndOneThousandWhenTheSymbolIsGenerated() {
        Market m = new Market(UNIVERSE, 1, clock);
        for (Asset a : UNIVERSE.all().subList(100, UNIVERSE.size())) {
            assertThat(m.snapshot().usd(m.indexOf(a.symbol()).orElseThrow()))
                    .as(a.symbol())
                    .isBetween(1e-4, 1_000.0);
        }
    }

    @Test
    void shouldKeepStablecoinsWithinTwoTenthsOfAPercentWhenWalkingLong() {
        Market m = new Market(UNIVERSE, 3, clock);
        int usdt = m.indexOf("USDT").orElseThrow();
        int usdc = m.indexOf("USDC").orElseThrow();
        for (int i = 0; i < 20_000; i++) {
            m.tick();
            assertThat(m.snapshot().usd(usdt)).isCloseTo(1.0, within(0.002));
            assertThat(m.snapshot().usd(usdc)).isCloseTo(1.0, within(0.002));
        }
    }

    @Test
    void shouldMoveEveryOtherAssetALittleWhenTicking() {
        Market m = new Market(UNIVERSE, 3, clock);
        int btc = m.indexOf("BTC").orElseThrow();
        double before = m.snapshot().usd(btc);
        m.tick();
        double after = m.snapshot().usd(btc);
        assertThat(after).isNotEqualTo(before);
        assertThat(Math.abs(after / before - 1)).isLessThan(0.002);
        assertThat(m.snapshot().tick()).isEqualTo(1);
    }

    @Test
    void shouldStampSnapshotsWithTheInjectedClockWhenTicking() {
        Market m = new Market(UNIVERSE, 3, clock);
        clock.advance(Duration.ofSeconds(5));
        m.tick();
        assertThat(m.snapshot().at()).isEqualTo(clock.instant());
    }

    @Test
    void shouldTickTenThousandAssetsQuicklyWhenTheUniverseIsLarge() {
        List<Asset> assets = new ArrayList<>();
        for (int rank = 1; rank <= 10_000; rank++) {
            assets.add(new Asset(rank, "GEN" + rank, "Gen " + rank, "gen-" + rank, Map.of()));
        }
        Market m = new Market(new AssetUniverse(assets), 9, clock);
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            m.tick();
        }
        // 100 steps of 10,000 assets: far below one 500 ms tick per step even on a slow CI machine
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }
}
