package io.pricewire.service.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.service.config.DemandProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * The hot-set policy with per-client demand, period by period as {@link DemandTiers} runs it
 * (count, add to the decayed scores, choose), on a fake clock and the deployed settings.
 */
class HotSetPolicyTest {
    private static final AssetUniverse UNIVERSE = AssetUniverse.loadDefault();
    private static final int HOT_SIZE = 20;
    private static final DemandProperties PROPS = new DemandProperties(
            true, Duration.ofSeconds(5), Duration.ofMinutes(2), 1.25, 15, Duration.ofMinutes(2), 100_000, 10);
    private static final List<String> RANK_HOT = byRank().stream()
            .filter(a -> a.rank() <= HOT_SIZE)
            .map(Asset::symbol)
            .toList();
    private static final List<String> COLD = byRank().stream()
            .filter(a -> a.rank() > 200)
            .map(Asset::symbol)
            .limit(100)
            .toList();

    private final AtomicLong nanos = new AtomicLong();
    private final DemandCounter counter = new DemandCounter(PROPS.clientWindow(), PROPS.maxClientAssets(), nanos::get);
    private final HotSetPolicy policy = HotSetPolicy.of(UNIVERSE, RANK_HOT, HOT_SIZE, PROPS);
    private final Map<String, Double> scores = new HashMap<>();
    private List<String> hot = RANK_HOT;

    @Test
    void shouldNotPromoteAColdAssetWhenOneClientHammersIt() {
        String cold = COLD.get(0);
        // ten minutes of one client asking 1,000 times a period, and for all 100 cold assets in a batch
        periods(120, p -> {
            for (int i = 0; i < 1000; i++) {
                counter.record("ip:203.0.113.9", cold);
            }
            COLD.forEach(s -> counter.record("ip:203.0.113.9", s));
        });

        assertThat(hot).containsExactlyElementsOf(RANK_HOT);
        assertThat(scores.get(cold)).as("one client's whole weight").isLessThanOrEqualTo(2.0);
    }

    @Test
    void shouldPromoteAColdAssetWhenTwentyClientsAskForIt() {
        String cold = COLD.get(0);
        periods(1, p -> {
            for (int c = 0; c < 20; c++) {
                counter.record("ip:198.51.100." + c, cold);
            }
        });

        assertThat(hot).contains(cold, "BTC").hasSize(HOT_SIZE);
        assertThat(hot).doesNotContain(RANK_HOT.get(HOT_SIZE - 1)).as("the lowest-ranked hot asset made room");
    }

    @Test
    void shouldNeverDemoteTheProtectedRanksWhenDemandFavoursOthers() {
        List<String> wanted = COLD.subList(0, 25);
        periods(
                24,
                p -> wanted.forEach(s -> {
                    for (int c = 0; c < 50; c++) {
                        counter.record("ip:198.51.100." + c, s);
                    }
                }));

        assertThat(hot).hasSize(HOT_SIZE).containsAll(RANK_HOT.subList(0, 10)).contains("BTC");
        assertThat(hot.subList(10, HOT_SIZE)).allMatch(wanted::contains);
    }

    @Test
    void shouldRestoreAProtectedAssetMissingFromAnEarlierHotSet() {
        List<String> withoutBtc = new ArrayList<>(RANK_HOT.subList(1, HOT_SIZE));
        withoutBtc.add(COLD.get(0));

        List<String> next = policy.choose(withoutBtc, Map.of(COLD.get(0), 100.0));

        assertThat(next).hasSize(HOT_SIZE).startsWith("BTC").contains(COLD.get(0));
    }

    /** Runs {@code n} demand periods: requests, then what DemandTiers does with Redis (add, decay, choose). */
    private void periods(int n, IntConsumer requests) {
        double decay = HotSetPolicy.decayPerPeriod(PROPS);
        for (int p = 0; p < n; p++) {
            requests.accept(p);
            counter.drain().forEach((symbol, points) -> scores.merge(symbol, (double) points, Double::sum));
            scores.replaceAll((symbol, score) -> score * decay);
            hot = policy.choose(hot, scores);
            nanos.addAndGet(PROPS.period().toNanos());
        }
    }

    private static List<Asset> byRank() {
        return UNIVERSE.all().stream()
                .sorted(Comparator.comparingInt(Asset::rank))
                .toList();
    }
}
