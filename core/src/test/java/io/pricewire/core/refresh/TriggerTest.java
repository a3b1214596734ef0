package io.pricewire.core.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.http.Lane;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Which lane of the exchanges' rate budgets each caller draws from, and the labels reports and metrics carry. */
class TriggerTest {

    @ParameterizedTest
    @EnumSource(Trigger.class)
    void shouldDrawOnTheReservedLaneForTheHotTierWhoeverAsks(Trigger trigger) {
        assertThat(trigger.lane(Tier.HOT)).isEqualTo(Lane.PRIORITY);
    }

    @ParameterizedTest
    @CsvSource({
        "TICKER, MEDIUM, SHARED",
        "LAMBDA, COLD, SHARED",
        "WARMUP, MEDIUM, SHARED",
        "WARMUP, COLD, SHARED",
        "MISS, MEDIUM, SHARED_OR_SPARE_PRIORITY",
        "MISS, COLD, SHARED_OR_SPARE_PRIORITY",
        "API, MEDIUM, PRIORITY",
        "API, COLD, PRIORITY"
    })
    void shouldDrawOnTheTriggersOwnLaneBelowTheHotTier(Trigger trigger, Tier tier, Lane lane) {
        assertThat(trigger.lane(tier)).isEqualTo(lane);
    }

    @Test
    void shouldKeepTheLabelsDashboardsAndLogsKnow() {
        assertThat(Arrays.stream(Trigger.values()).map(Trigger::label))
                .containsExactlyInAnyOrder("ticker", "lambda", "warmup", "miss", "api");
    }
}
