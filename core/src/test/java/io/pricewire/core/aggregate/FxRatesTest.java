package io.pricewire.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FxRatesTest {

    @Test
    void shouldValueUsdAtOneWhenNoRatesAreKnown() {
        assertThat(FxRates.usdOnly().usdPerUnit("USD")).contains(BigDecimal.ONE);
        assertThat(FxRates.usdOnly().usdPerUnit("USDT")).isEmpty();
    }

    @Test
    void shouldLeaveCurrencyOutWhenItsRateIsNull() {
        FxRates rates = FxRates.of(new BigDecimal("1.001"), null);

        assertThat(rates.usdPerUnit("usdt")).contains(new BigDecimal("1.001"));
        assertThat(rates.usdPerUnit("USDC")).isEmpty();
    }

    @Test
    void shouldCopyRatesWhenBuiltFromAMutableMap() {
        Map<String, BigDecimal> source = new HashMap<>(Map.of("USDT", BigDecimal.ONE));
        FxRates rates = new FxRates(source);
        source.put("USDC", BigDecimal.ONE);

        assertThat(rates.usdPerUnit("USDC")).isEmpty();
    }

    @Test
    void shouldRejectRateWhenNotPositive() {
        assertThatThrownBy(() -> FxRates.of(BigDecimal.ZERO, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectPolicyWhenBandOrQuorumIsNonsense() {
        assertThat(AggregationPolicy.defaults()).isEqualTo(new AggregationPolicy(2, new BigDecimal("0.05"), 10));
        assertThatThrownBy(() -> new AggregationPolicy(0, new BigDecimal("0.05")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AggregationPolicy(2, BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
    }
}
