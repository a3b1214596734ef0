package io.pricewire.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExchangeIdTest {

    @Test
    void shouldCallTheRealExchangesWhenNothingIsConfigured() {
        Map<ExchangeId, URI> urls = ExchangeId.baseUrls(e -> null);

        assertThat(urls)
                .containsEntry(ExchangeId.BINANCE, URI.create("https://api.binance.com"))
                .containsEntry(ExchangeId.COINBASE, URI.create("https://api.exchange.coinbase.com"))
                .containsEntry(ExchangeId.KRAKEN, URI.create("https://api.kraken.com"))
                .containsEntry(ExchangeId.OKX, URI.create("https://www.okx.com"));
        assertThat(ExchangeId.KRAKEN.baseUrl(" "))
                .as("blank counts as unset")
                .isEqualTo(ExchangeId.KRAKEN.defaultBaseUrl());
    }

    @Test
    void shouldTakeTheConfiguredUrlWhenOneIsGiven() {
        Map<ExchangeId, URI> urls = ExchangeId.baseUrls(e -> e == ExchangeId.OKX ? "http://127.0.0.1:9104" : null);

        assertThat(urls.get(ExchangeId.OKX)).isEqualTo(URI.create("http://127.0.0.1:9104"));
        assertThat(urls.get(ExchangeId.BINANCE)).isEqualTo(ExchangeId.BINANCE.defaultBaseUrl());
        assertThat(ExchangeId.COINBASE.urlVariable()).isEqualTo("COINBASE_URL");
    }

    @Test
    void shouldNameTheVariableWhenTheConfiguredUrlIsNotAbsoluteHttp() {
        assertThatThrownBy(() -> ExchangeId.KRAKEN.baseUrl("kraken:9103"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KRAKEN_URL");
        assertThatThrownBy(() -> ExchangeId.OKX.baseUrl("ftp://okx.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OKX_URL");
        assertThatThrownBy(() -> ExchangeId.OKX.baseUrl("http://exa mple"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OKX_URL");
    }
}
