package io.pricewire.core.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricewire.core.aggregate.Aggregator;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.ExchangeId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceCodecTest {
    private final PriceCodec codec = new PriceCodec();

    @Test
    void shouldRoundTripEveryFieldWhenEncodedAndDecoded() {
        Price original = Prices.price("BTC", "67187.33", Instant.parse("2026-11-26T10:00:00.123Z"));
        assertThat(codec.decode(codec.encode(original))).isEqualTo(original);
    }

    @Test
    void shouldWritePricesAsPlainDecimalStringsWhenVerySmall() {
        String json = new String(codec.encode(Prices.price("SHIB", "0.0000123", Instant.EPOCH)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"price\":\"0.0000123\"").doesNotContain("E-");
    }

    @Test
    void shouldCarryTheUnconfirmedReasonWhenAJumpIsHeld() {
        Instant at = Instant.parse("2026-11-26T10:00:00.001Z");
        Price held = new Price("ADA", "USD", new BigDecimal("0.41"), at, Tier.COLD, PriceStatus.DEGRADED,
                List.of(new SourcePrice(ExchangeId.KRAKEN, new BigDecimal("0.41"), at.minusSeconds(2))),
                List.of(new RejectedQuote(ExchangeId.KRAKEN, new BigDecimal("4.1"), Aggregator.UNCONFIRMED)));

        byte[] encoded = codec.encode(held);

        assertThat(new String(encoded, StandardCharsets.UTF_8)).contains("{\"exchange\":\"kraken\",\"price\":\"4.1\",\"reason\":\"unconfirmed\"}");
        assertThat(codec.decode(encoded)).isEqualTo(held);
    }

    @Test
    void shouldRejectGarbageWhenDecoding() {
        assertThatThrownBy(() -> codec.decode("{\"symbol\":\"BTC\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
