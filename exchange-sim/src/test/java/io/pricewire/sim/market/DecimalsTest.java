package io.pricewire.sim.market;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecimalsTest {
    @Test
    void shouldKeepEightSignificantDigitsWithoutExponentWhenFormattingPlain() {
        assertThat(Decimals.plain(95_012.345678)).isEqualTo("95012.346");
        assertThat(Decimals.plain(95_000.0)).isEqualTo("95000");
        assertThat(Decimals.plain(0.0000210349871)).isEqualTo("0.000021034987");
        assertThat(Decimals.plain(123_456_789_012.0)).isEqualTo("123456790000");
        assertThat(Decimals.plain(0.0)).isEqualTo("0");
    }

    @Test
    void shouldPadToTheMinimumScaleWhenFormattingPadded() {
        assertThat(Decimals.padded(67_187.33, 8)).isEqualTo("67187.33000000");
        assertThat(Decimals.padded(0.000021034987, 8)).isEqualTo("0.000021034987");
    }

    @Test
    void shouldRoundToTheScaleWhenFormattingFixed() {
        assertThat(Decimals.fixed(0.027732471, 8)).isEqualTo("0.02773247");
        assertThat(Decimals.fixed(1_398_684.0, 8)).isEqualTo("1398684.00000000");
    }
}
