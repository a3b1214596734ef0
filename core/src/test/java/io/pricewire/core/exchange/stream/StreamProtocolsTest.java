package io.pricewire.core.exchange.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamProtocolsTest {

    @Test
    void shouldHaveOneProtocolPerExchangeInExchangeOrder() {
        assertThat(StreamProtocols.all()).containsOnlyKeys(ExchangeId.values());
        assertThat(StreamProtocols.all().keySet()).containsExactly(ExchangeId.values());
        for (ExchangeId id : ExchangeId.values()) {
            assertThat(StreamProtocols.of(id).exchange()).isEqualTo(id);
            assertThat(StreamProtocols.all().get(id)).isSameAs(StreamProtocols.of(id));
        }
    }

    @Test
    void shouldApplyTheRestAdaptersQuoteCurrencyRule() {
        StreamProtocol binance = StreamProtocols.of(ExchangeId.BINANCE);
        StreamProtocol coinbase = StreamProtocols.of(ExchangeId.COINBASE);
        StreamProtocol kraken = StreamProtocols.of(ExchangeId.KRAKEN);
        StreamProtocol okx = StreamProtocols.of(ExchangeId.OKX);

        assertThat(binance.currency(new Listing("BTC", "BTCUSDT"))).isEqualTo("USDT");
        assertThat(binance.currency(new Listing("BTC", "BTCFDUSD"))).isNull();
        assertThat(coinbase.currency(new Listing("BTC", "BTC-USD"))).isEqualTo("USD");
        assertThat(coinbase.currency(new Listing("BTC", "BTC-EUR"))).isNull();
        assertThat(kraken.currency(new Listing("BTC", "XBTUSD", "XXBTZUSD"))).isEqualTo("USD");
        assertThat(kraken.currency(new Listing("USDT", "USDTUSD", "USDTZUSD"))).isEqualTo("USD");
        assertThat(kraken.currency(new Listing("BTC", "XBTEUR"))).isNull();
        assertThat(okx.currency(new Listing("ETH", "ETH-USDC"))).isEqualTo("USDC");
    }

    @Test
    void shouldNameListingsAsTheirTicksDo() {
        Listing coinbase = new Listing("BTC", "BTC-USD");
        Listing okx = new Listing("BTC", "BTC-USDT");

        assertThat(StreamProtocols.of(ExchangeId.COINBASE).streamName(coinbase)).isEqualTo("BTC-USD");
        assertThat(StreamProtocols.of(ExchangeId.OKX).streamName(okx)).isEqualTo("BTC-USDT");
    }

    @Test
    void shouldRefuseInconsistentMessagesAndTicks() {
        StreamTick tick = new StreamTick("BTC-USD", BigDecimal.ONE, Instant.EPOCH, null);

        assertThatThrownBy(() -> new StreamMessage(StreamMessage.Kind.TICKS, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamMessage(StreamMessage.Kind.ACK, List.of(tick), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamTick("BTC-USD", BigDecimal.ZERO, Instant.EPOCH, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new StreamMessage(StreamMessage.Kind.TICKS, List.of(tick), null).ticks())
                .containsExactly(tick);
    }
}
