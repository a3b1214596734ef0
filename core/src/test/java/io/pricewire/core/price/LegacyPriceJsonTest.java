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

/** The JSON of the version before {@link WirePrice}, still read during a rolling deploy. */
class LegacyPriceJsonTest {
    @Test
    void shouldDecodeEveryFieldWhenTheVersionBeforeWroteTheRecord() {
        String json =
                "{\"symbol\":\"ADA\",\"currency\":\"USD\",\"price\":\"0.41\",\"ts\":1795694400001,\"tier\":\"cold\","
                        + "\"status\":\"degraded\",\"sources\":[{\"exchange\":\"kraken\",\"price\":\"0.41\",\"ts\":1795694398001}],"
                        + "\"rejected\":[{\"exchange\":\"kraken\",\"price\":\"4.1\",\"reason\":\"unconfirmed\"}]}";
        Instant at = Instant.parse("2026-11-26T12:00:00.001Z");
        Price expected = new Price(
                "ADA",
                "USD",
                new BigDecimal("0.41"),
                at,
                Tier.COLD,
                PriceStatus.DEGRADED,
                List.of(new SourcePrice(ExchangeId.KRAKEN, new BigDecimal("0.41"), at.minusSeconds(2))),
                List.of(new RejectedQuote(ExchangeId.KRAKEN, new BigDecimal("4.1"), Aggregator.UNCONFIRMED)));

        assertThat(LegacyPriceJson.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(expected);
    }

    @Test
    void shouldRejectGarbageWhenDecoding() {
        assertThatThrownBy(() -> LegacyPriceJson.decode("{\"symbol\":\"BTC\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LegacyPriceJson.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSkipAnUnknownExchangeAndTolerateUnknownLabelsWhenANewerVersionWroteTheRecord() {
        String json = "{\"symbol\":\"BTC\",\"currency\":\"USD\",\"price\":\"100.5\",\"ts\":1767225600000,"
                + "\"tier\":\"warm\",\"status\":\"partial\",\"venue\":\"x\","
                + "\"sources\":[{\"exchange\":\"bybit\",\"price\":\"100.4\",\"ts\":1767225600000},"
                + "{\"exchange\":\"kraken\",\"price\":\"100.6\",\"ts\":1767225600000}],"
                + "\"rejected\":[{\"exchange\":\"bitstamp\",\"price\":\"1\",\"reason\":\"outlier\"}]}";

        Price p = LegacyPriceJson.decode(json.getBytes(StandardCharsets.UTF_8));

        assertThat(p.price()).isEqualByComparingTo("100.5");
        assertThat(p.sources()).extracting(SourcePrice::exchange).containsExactly(ExchangeId.KRAKEN);
        assertThat(p.rejected()).isEmpty();
        assertThat(p.refreshedAs())
                .as("the read path sets the current tier; cold keeps the longest TTL meanwhile")
                .isEqualTo(Tier.COLD);
        assertThat(p.status()).as("an unknown status never claims consensus").isEqualTo(PriceStatus.DEGRADED);
    }

    @Test
    void shouldRefuseDecimalsThatWouldCostMegabytesToPrintWhenDecoding() {
        for (String price : List.of("1E+999999999", "1E-999999999", "0." + "1".repeat(200), "-5", "12abc")) {
            String json =
                    "{\"symbol\":\"BTC\",\"price\":\"" + price + "\",\"ts\":1,\"tier\":\"hot\",\"status\":\"ok\"}";
            assertThatThrownBy(() -> LegacyPriceJson.decode(json.getBytes(StandardCharsets.UTF_8)))
                    .as(price)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        String tiny =
                "{\"symbol\":\"SHIB\",\"price\":\"0.000000012345678901\",\"ts\":1,\"tier\":\"hot\",\"status\":\"ok\"}";
        assertThat(LegacyPriceJson.decode(tiny.getBytes(StandardCharsets.UTF_8)).price())
                .isEqualByComparingTo("0.000000012345678901");
    }
}
