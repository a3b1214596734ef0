package io.pricewire.core.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
    void shouldRejectGarbageWhenDecoding() {
        assertThatThrownBy(() -> codec.decode("{\"symbol\":\"BTC\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
