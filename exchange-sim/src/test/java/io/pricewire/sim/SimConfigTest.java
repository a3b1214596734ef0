package io.pricewire.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricewire.core.exchange.ExchangeId;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimConfigTest {
    @Test
    void shouldMultiplyEveryAllowanceAndRefillButKeepTheWindowsWhenRateLimitsAreRaised() {
        RateLimits raised = RateLimits.DEFAULT.times(10);
        assertThat(raised)
                .isEqualTo(new RateLimits(
                        60_000,
                        RateLimits.DEFAULT.binanceBan(),
                        100,
                        150,
                        150,
                        10.0,
                        200,
                        RateLimits.DEFAULT.okxWindow()));
        assertThat(RateLimits.DEFAULT.times(1)).isEqualTo(RateLimits.DEFAULT);
        assertThatThrownBy(() -> RateLimits.DEFAULT.times(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldUseTheDocumentedPortsWhenDefaulted() {
        SimConfig config = SimConfig.defaults();
        assertThat(config.controlPort()).isEqualTo(9100);
        assertThat(config.ports())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        ExchangeId.BINANCE,
                        9101,
                        ExchangeId.COINBASE,
                        9102,
                        ExchangeId.KRAKEN,
                        9103,
                        ExchangeId.OKX,
                        9104));
        assertThat(config.enforceRateLimits()).isTrue();
        assertThat(config.rateLimits()).isEqualTo(RateLimits.DEFAULT);
        assertThat(config.universe().size()).isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void shouldUsePortZeroEverywhereWhenEphemeral() {
        SimConfig config = SimConfig.defaults().withEphemeralPorts();
        assertThat(config.controlPort()).isZero();
        assertThat(config.ports().values()).containsOnly(0);
    }

    @Test
    void shouldRejectTheConfigWhenAnExchangeHasNoPort() {
        SimConfig d = SimConfig.defaults();
        assertThatThrownBy(() ->
                        new SimConfig(d.universe(), 1, 9100, Map.of(ExchangeId.BINANCE, 1), true, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coinbase");
    }

    @Test
    void shouldRejectThePortWhenOutOfRange() {
        assertThatThrownBy(() -> SimConfig.defaults().withPort(ExchangeId.OKX, 70_000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFillModeDefaultsWhenAFaultIsResolved() {
        assertThat(Fault.of(FaultMode.SLOW).resolved()).isEqualTo(new Fault(FaultMode.SLOW, 5_000L, null));
        assertThat(Fault.of(FaultMode.STALE).resolved()).isEqualTo(new Fault(FaultMode.STALE, 600_000L, null));
        assertThat(Fault.of(FaultMode.OUTLIER).resolved()).isEqualTo(new Fault(FaultMode.OUTLIER, null, 10.0));
        assertThat(new Fault(FaultMode.DOWN, 5L, 2.0).resolved()).isEqualTo(Fault.down());
    }

    @Test
    void shouldRejectTheFaultWhenFactorIsNotPositive() {
        assertThatThrownBy(() -> Fault.outlier(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.outlier(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
