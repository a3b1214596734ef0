package io.pricewire.core.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.asset.Tier;
import io.pricewire.core.asset.TierBoundaries;
import io.pricewire.core.asset.TierSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefreshSettingsTest {

    @Test
    void shouldSplitAndBudgetAsTheTiersSayWhenBuiltForThem() {
        TierSettings tiers = new TierSettings(
                new TierBoundaries(10, 90), Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofMinutes(5));

        RefreshSettings settings = RefreshSettings.forTiers(tiers);

        assertThat(settings.boundaries()).isEqualTo(new TierBoundaries(10, 90));
        assertThat(settings.fetchBudget())
                .containsEntry(Tier.HOT, Duration.ofMillis(1200))
                .as("60 % of a minute is more than the default budget: the default")
                .containsEntry(Tier.MEDIUM, Duration.ofSeconds(20))
                .containsEntry(Tier.COLD, Duration.ofSeconds(120));
        assertThat(settings.cacheTtl()).isEqualTo(RefreshSettings.defaults().cacheTtl());
        assertThat(settings.maxQuoteAge()).isEqualTo(RefreshSettings.defaults().maxQuoteAge());
    }
}
