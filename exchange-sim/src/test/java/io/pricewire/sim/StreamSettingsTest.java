package io.pricewire.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamSettingsTest {
    @Test
    void shouldHoldTheDocumentedValuesByDefault() {
        StreamSettings d = SimConfig.defaults().streams();
        assertThat(d).isEqualTo(StreamSettings.DEFAULT);
        assertThat(d.binancePingInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(d.binancePongTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(d.binanceConnectionMaxAge()).isEqualTo(Duration.ofHours(24));
        assertThat(d.binanceMaxStreams()).isEqualTo(1024);
        assertThat(d.binanceMessagesPerSecond()).isEqualTo(5);
        assertThat(d.coinbaseSubscribeDeadline()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.okxIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.okxRequestsPerHour()).isEqualTo(480);
        assertThat(d.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldRejectPeriodsThatAreNotPositiveAndLimitsBelowOne() {
        assertThatThrownBy(() -> StreamSettings.DEFAULT.withBinanceConnectionMaxAge(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamSettings.DEFAULT.withOkx(Duration.ofSeconds(-1), 480))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamSettings.DEFAULT.withBinanceLimits(0, 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamSettings.DEFAULT.withOkx(Duration.ofSeconds(30), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepTheStreamSettingsThroughEveryOtherChangeAndDefaultThemInTheOlderConstructor() {
        StreamSettings shortCut = StreamSettings.DEFAULT.withBinanceConnectionMaxAge(Duration.ofSeconds(3));
        SimConfig config = SimConfig.defaults()
                .withStreams(shortCut)
                .withEphemeralPorts()
                .withSeed(3)
                .withTickInterval(Duration.ofMillis(100))
                .withClock(Clock.systemUTC());
        assertThat(config.streams()).isEqualTo(shortCut);
        SimConfig older = new SimConfig(
                config.universe(),
                1,
                0,
                config.ports(),
                true,
                Clock.systemUTC(),
                RateLimits.DEFAULT,
                Duration.ofMillis(500));
        assertThat(older.streams()).isEqualTo(StreamSettings.DEFAULT);
    }
}
