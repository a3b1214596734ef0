package io.pricewire.core.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TierSettingsTest {

    @Test
    void shouldKeepTheDefaultsWhenNothingIsSet() {
        assertThat(TierSettings.fromEnvironment(Map.of())).isEqualTo(TierSettings.DEFAULT);
        assertThat(TierSettings.DEFAULT.boundaries()).isEqualTo(new TierBoundaries(20, 180));
        assertThat(TierSettings.DEFAULT.interval(Tier.HOT)).isEqualTo(Duration.ofSeconds(5));
        assertThat(TierSettings.DEFAULT.interval(Tier.MEDIUM)).isEqualTo(Duration.ofSeconds(30));
        assertThat(TierSettings.DEFAULT.interval(Tier.COLD)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldReadEverySettingUnderItsSharedNameWhenSet() {
        TierSettings read = TierSettings.fromEnvironment(Map.of(
                "PRICEWIRE_TIERS_HOT_SIZE",
                "50",
                "PRICEWIRE_TIERS_MEDIUM_SIZE",
                " 450 ",
                "PRICEWIRE_TIERS_HOT_INTERVAL",
                "1500ms",
                "PRICEWIRE_TIERS_MEDIUM_INTERVAL",
                "PT45S",
                "PRICEWIRE_TIERS_COLD_INTERVAL",
                "1h"));

        assertThat(read)
                .isEqualTo(new TierSettings(
                        new TierBoundaries(50, 450),
                        Duration.ofMillis(1500),
                        Duration.ofSeconds(45),
                        Duration.ofHours(1)));
        assertThat(TierSettings.fromEnvironment(Map.of("PRICEWIRE_TIERS_COLD_INTERVAL", "1d"))
                        .coldInterval())
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void shouldGiveBackTheSameSettingsWhenReadFromTheirOwnEnvironment() {
        TierSettings settings = new TierSettings(
                new TierBoundaries(0, 1000), Duration.ofMillis(2500), Duration.ofSeconds(10), Duration.ofMinutes(7));

        assertThat(settings.environment())
                .containsEntry("PRICEWIRE_TIERS_COLD_INTERVAL", "7m")
                .containsEntry("PRICEWIRE_TIERS_HOT_SIZE", "0");
        assertThat(TierSettings.fromEnvironment(settings.environment())).isEqualTo(settings);
        assertThat(TierSettings.fromEnvironment(TierSettings.DEFAULT.environment()))
                .isEqualTo(TierSettings.DEFAULT);
    }

    @Test
    void shouldNameTheVariableAndThePropertyWhenAValueIsMalformed() {
        assertThatThrownBy(() -> TierSettings.fromEnvironment(Map.of("PRICEWIRE_TIERS_HOT_SIZE", "twenty")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PRICEWIRE_TIERS_HOT_SIZE")
                .hasMessageContaining("pricewire.tiers.hot-size");
        assertThatThrownBy(() -> TierSettings.fromEnvironment(Map.of("PRICEWIRE_TIERS_MEDIUM_SIZE", "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PRICEWIRE_TIERS_MEDIUM_SIZE");
        assertThatThrownBy(() -> TierSettings.fromEnvironment(Map.of("PRICEWIRE_TIERS_COLD_INTERVAL", "5 minutes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pricewire.tiers.cold-interval");
        assertThatThrownBy(() -> TierSettings.fromEnvironment(Map.of("PRICEWIRE_TIERS_HOT_INTERVAL", "0s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PRICEWIRE_TIERS_HOT_INTERVAL");
    }

    @Test
    void shouldDeriveStalenessAndFetchBudgetFromTheInterval() {
        assertThat(TierSettings.DEFAULT.staleAfter(Tier.MEDIUM)).isEqualTo(Duration.ofMinutes(1));
        assertThat(TierSettings.DEFAULT.fetchBudget(Tier.MEDIUM, Duration.ofSeconds(20)))
                .as("60 % of 30 s")
                .isEqualTo(Duration.ofSeconds(18));
        assertThat(TierSettings.DEFAULT.fetchBudget(Tier.COLD, Duration.ofSeconds(120)))
                .as("the ceiling")
                .isEqualTo(Duration.ofSeconds(120));
    }
}
