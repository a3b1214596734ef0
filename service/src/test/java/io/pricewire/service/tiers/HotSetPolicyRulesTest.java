package io.pricewire.service.tiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.pricewire.service.config.DemandProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hot-set rules one at a time, on plain data: eight ranked assets (R1–R4 hot by rank, C5–C8 cold), four hot
 * places, ranks 1 and 2 protected, promotion from a score of 10, and a candidate must be 1.25 × busier than the
 * asset it displaces. {@link HotSetPolicyTest} runs the deployed settings period by period.
 */
class HotSetPolicyRulesTest {
    private static final Map<String, Integer> RANKS =
            Map.of("R1", 1, "R2", 2, "R3", 3, "R4", 4, "C5", 5, "C6", 6, "C7", 7, "C8", 8);
    private static final List<String> RANK_HOT = List.of("R1", "R2", "R3", "R4");

    private final HotSetPolicy policy = new HotSetPolicy(RANKS, RANK_HOT, 4, new HotSetPolicy.Rules(1.25, 10, 2));

    @Test
    void shouldStartFromTheHotSetByRankWhenNoneWasWritten() {
        assertThat(policy.next(List.of(), Map.of())).isEqualTo(new HotSetChoice(RANK_HOT, List.of(), false));
    }

    @Test
    void shouldPromoteABusyAssetInPlaceOfTheColdestLowestRankedHotOne() {
        HotSetChoice choice = policy.next(RANK_HOT, Map.of("C6", 12.0, "R3", 1.0));

        assertThat(choice).isEqualTo(new HotSetChoice(List.of("R1", "R2", "R3", "C6"), List.of("C6"), true));
    }

    @Test
    void shouldNotPromoteBelowTheMinimumScore() {
        assertThat(policy.next(RANK_HOT, Map.of("C6", 9.9)).hot()).isEqualTo(RANK_HOT);
    }

    @Test
    void shouldPromoteOnlyWhenBusierThanTheColdestHotAssetByTheHysteresis() {
        Map<String, Double> busyHot = Map.of("R3", 16.0, "R4", 16.0);

        assertThat(policy.next(RANK_HOT, with(busyHot, "C5", 20.0)).changed())
                .as("exactly 1.25 ×")
                .isFalse();
        assertThat(policy.next(RANK_HOT, with(busyHot, "C5", 20.1)).hot()).containsExactly("R1", "R2", "R3", "C5");
    }

    @Test
    void shouldNeverDisplaceTheProtectedRanks() {
        HotSetChoice choice = policy.next(RANK_HOT, Map.of("C5", 100.0, "C6", 90.0, "C7", 80.0));

        assertThat(choice.hot()).containsExactly("R1", "R2", "C5", "C6");
        assertThat(choice.promoted()).containsExactly("C5", "C6");
    }

    @Test
    void shouldGiveACooledPromotionsPlaceBackToTheBestRankedDisplacedAsset() {
        List<String> written = List.of("R1", "R2", "C5", "C6");

        HotSetChoice choice = policy.next(written, Map.of("C5", 4.9, "C6", 5.0));

        assertThat(choice).isEqualTo(new HotSetChoice(List.of("R1", "R2", "R3", "C6"), List.of("C6"), true));
    }

    @Test
    void shouldKeepAPromotionWhileItsDemandStaysAboveHalfTheMinimum() {
        List<String> written = List.of("R1", "R2", "R3", "C6");

        HotSetChoice choice = policy.next(written, Map.of("C6", 6.0, "R4", 7.0));

        assertThat(choice).isEqualTo(new HotSetChoice(written, List.of("C6"), false));
    }

    @Test
    void shouldDropUnknownAndRepeatedSymbolsAndFillTheirPlacesByRank() {
        HotSetChoice choice = policy.next(List.of("R1", "R1", "GONE", "R2"), Map.of("GONE", 50.0, "C9", 50.0));

        assertThat(choice).isEqualTo(new HotSetChoice(RANK_HOT, List.of(), true));
    }

    @Test
    void shouldShrinkAWrittenSetLargerThanTheHotTierByItsColdestMembers() {
        HotSetChoice choice =
                policy.next(List.of("R1", "R2", "R3", "R4", "C5", "C6"), Map.of("C5", 30.0, "C6", 30.0, "R3", 1.0));

        assertThat(choice.hot()).containsExactly("R1", "R2", "C5", "C6");
    }

    @Test
    void shouldHalveAScoreOverOneHalfLife() {
        DemandProperties props = new DemandProperties(
                true, Duration.ofSeconds(5), Duration.ofMinutes(2), 1.25, 15, Duration.ofMinutes(2), 100_000, 10);

        assertThat(Math.pow(HotSetPolicy.decayPerPeriod(props), 24)).isCloseTo(0.5, offset(1e-9));
    }

    private static Map<String, Double> with(Map<String, Double> scores, String symbol, double score) {
        Map<String, Double> all = new HashMap<>(scores);
        all.put(symbol, score);
        return all;
    }
}
