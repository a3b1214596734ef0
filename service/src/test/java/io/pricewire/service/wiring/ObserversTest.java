package io.pricewire.service.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.http.ExchangeListener;
import org.junit.jupiter.api.Test;

/** The exchange listener's meters, read from a registry the way Prometheus would scrape them. */
class ObserversTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExchangeListener listener = new Observers().exchangeListener(registry);

    @Test
    void shouldRegisterTheUnlistedPairsGaugeForEveryExchangeWhenCreated() {
        for (ExchangeId id : ExchangeId.values()) {
            assertThat(unlisted(id)).as(id.label()).isZero();
        }
    }

    @Test
    void shouldSetTheUnlistedPairsGaugeOfTheReportingExchangeWhenAClientReportsACount() {
        listener.onUnlistedPairs(ExchangeId.KRAKEN, 3);

        assertThat(unlisted(ExchangeId.KRAKEN)).isEqualTo(3);
        assertThat(unlisted(ExchangeId.BINANCE)).isZero();
    }

    private double unlisted(ExchangeId id) {
        Gauge gauge = registry.find("pricewire.exchange.unlisted.pairs")
                .tag("exchange", id.label())
                .gauge();
        assertThat(gauge).as("gauge for %s", id.label()).isNotNull();
        return gauge.value();
    }
}
