package io.pricewire.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.testkit.Await;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeSimTest {
    @Test
    void shouldMoveTheTruthWhenTheBackgroundTickerRuns() throws IOException {
        try (ExchangeSim sim =
                ExchangeSim.start(SimConfig.defaults().withEphemeralPorts().withTickInterval(Duration.ofMillis(20)))) {
            BigDecimal first = sim.truePrice("BTC");
            Await.within(
                    Duration.ofSeconds(5),
                    Duration.ofMillis(10),
                    () -> !sim.truePrice("BTC").equals(first));
            assertThat(sim.truePrice("BTC")).isNotEqualTo(first);
        }
    }

    @Test
    void shouldGiveTheSameTruthWhenTwoSimsShareASeed() throws IOException {
        SimConfig config =
                SimConfig.defaults().withEphemeralPorts().withSeed(99).withTickInterval(Duration.ZERO);
        try (ExchangeSim a = ExchangeSim.start(config);
                ExchangeSim b = ExchangeSim.start(config)) {
            for (int i = 0; i < 10; i++) {
                a.tick();
                b.tick();
            }
            assertThat(a.truePrice("ETH")).isEqualTo(b.truePrice("ETH"));
            assertThat(a.truePrice("ZEC")).isEqualTo(b.truePrice("ZEC"));
        }
    }

    @Test
    void shouldRejectTheSymbolWhenTruePriceIsAskedForAnUnknownOne() throws IOException {
        try (ExchangeSim sim = ExchangeSim.start(SimConfig.defaults().withEphemeralPorts())) {
            assertThatThrownBy(() -> sim.truePrice("NOSUCH")).isInstanceOf(IllegalArgumentException.class);
            assertThat(sim.truth("NOSUCH")).isEmpty();
            assertThat(sim.truth("usdt"))
                    .hasValueSatisfying(t -> assertThat(t.symbol()).isEqualTo("USDT"));
        }
    }

    @Test
    void shouldStopListeningEverywhereWhenClosed() throws IOException {
        List<URI> uris = new ArrayList<>();
        ExchangeSim sim = ExchangeSim.start(SimConfig.defaults().withEphemeralPorts());
        uris.add(sim.controlUri());
        for (ExchangeId e : ExchangeId.values()) {
            uris.add(sim.baseUri(e));
        }
        sim.setFault(ExchangeId.OKX, Fault.slow(Duration.ofMinutes(1)));
        sim.close();
        sim.close();
        for (URI uri : uris) {
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), uri.getPort()).close())
                    .as(uri.toString())
                    .isInstanceOf(ConnectException.class);
        }
        sim.clearFault(ExchangeId.OKX);
        assertThat(sim.isListening(ExchangeId.OKX)).isFalse();
    }

    @Test
    void shouldFailToStartAndReleaseEverythingWhenAPortIsTaken() throws IOException {
        try (ExchangeSim first = ExchangeSim.start(SimConfig.defaults().withEphemeralPorts())) {
            int taken = first.baseUri(ExchangeId.KRAKEN).getPort();
            assertThatThrownBy(() -> ExchangeSim.start(
                            SimConfig.defaults().withEphemeralPorts().withPort(ExchangeId.OKX, taken)))
                    .isInstanceOf(IOException.class);
        }
    }
}
