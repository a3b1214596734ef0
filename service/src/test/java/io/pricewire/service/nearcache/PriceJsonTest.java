package io.pricewire.service.nearcache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.asset.TierSettings;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceStatus;
import io.pricewire.core.price.RejectedQuote;
import io.pricewire.core.price.SourcePrice;
import io.pricewire.service.config.TierProperties;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceJsonTest {
    private static final Instant T = Instant.parse("2026-11-26T12:00:00.123Z");
    private final NearCache near = new NearCache(AssetUniverse.loadDefault());
    private final PriceJson json = new PriceJson(new TierProperties(TierSettings.DEFAULT), near);
    private final ObjectMapper mapper = new ObjectMapper();
    private final Price price = new Price(
            "BTC",
            "USD",
            new BigDecimal("67187.33"),
            T,
            Tier.HOT,
            PriceStatus.OK,
            List.of(new SourcePrice(ExchangeId.BINANCE, new BigDecimal("67190.01"), T)),
            List.of(new RejectedQuote(ExchangeId.OKX, new BigDecimal("1.00"), "outlier")));

    @Test
    void shouldRenderTheContractFieldsWithAgeAndStalenessOfTheMoment() throws Exception {
        JsonNode fresh = mapper.readTree(json.one(price, Tier.HOT, T.plusMillis(812)));
        assertThat(fresh.get("symbol").asText()).isEqualTo("BTC");
        assertThat(fresh.get("price").asText()).isEqualTo("67187.33");
        assertThat(fresh.get("timestamp").asText()).isEqualTo("2026-11-26T12:00:00.123Z");
        assertThat(fresh.get("ageMs").asLong()).isEqualTo(812);
        assertThat(fresh.get("tier").asText()).isEqualTo("hot");
        assertThat(fresh.get("status").asText()).isEqualTo("ok");
        assertThat(fresh.get("stale").asBoolean()).isFalse();
        assertThat(fresh.get("sources").get(0).get("exchange").asText()).isEqualTo("binance");
        assertThat(fresh.get("rejected").get(0).get("reason").asText()).isEqualTo("outlier");

        JsonNode old = mapper.readTree(json.one(price, Tier.HOT, T.plusSeconds(11)));
        assertThat(old.get("ageMs").asLong()).isEqualTo(11_000);
        assertThat(old.get("stale").asBoolean())
                .as("older than twice the hot interval")
                .isTrue();
        assertThat(mapper.readTree(json.one(price, Tier.MEDIUM, T.plusSeconds(11)))
                        .get("stale")
                        .asBoolean())
                .as("the same age is fresh for the medium tier")
                .isFalse();
        assertThat(mapper.readTree(json.one(price, Tier.MEDIUM, T)).get("tier").asText())
                .isEqualTo("medium");
    }

    @Test
    void shouldRenderBatchesAsPricesAndUnknown() throws Exception {
        JsonNode batch =
                mapper.readTree(json.many(List.of(price, price), List.of(Tier.HOT, Tier.COLD), List.of("NOPE"), T));
        assertThat(batch.get("prices")).hasSize(2);
        assertThat(batch.get("prices").get(1).get("tier").asText()).isEqualTo("cold");
        assertThat(batch.get("unknown").get(0).asText()).isEqualTo("NOPE");
        assertThat(mapper.readTree(json.many(List.of(), List.of(), List.of(), T))
                        .get("prices"))
                .isEmpty();
    }

    @Test
    void shouldAnswerTheSameBytesFromTheNearCachesReadyPriceAsFromAFreshRendering() throws Exception {
        byte[] fresh = json.one(price, Tier.MEDIUM, T.plusMillis(20_500)); // near cache empty: rendered on the spot
        near.offer(price);
        ReadyPrice ready = near.ready("BTC");
        assertThat(ready.price()).isSameAs(price);
        assertThat(ready.asset().symbol())
                .as("the universe's asset comes with it")
                .isEqualTo("BTC");
        assertThat(json.one(price, Tier.MEDIUM, T.plusMillis(20_500))).isEqualTo(fresh);
        assertThat(json.body(ready, Tier.MEDIUM, T.plusMillis(20_500).toEpochMilli()))
                .isEqualTo(fresh);
        JsonNode parsed = mapper.readTree(fresh);
        assertThat(parsed.get("ageMs").asLong()).isEqualTo(20_500);
        assertThat(parsed.get("tier").asText()).isEqualTo("medium");
        assertThat(parsed.get("status").asText()).isEqualTo("ok");
        assertThat(parsed.get("stale").asBoolean()).isFalse();
        assertThat(parsed.get("sources")).hasSize(1);
        assertThat(parsed.get("rejected")).hasSize(1);
        assertThat(fresh[fresh.length - 1]).isEqualTo((byte) '}');
    }

    @Test
    void shouldRenderThePriceAskedForWhenTheNearCacheHoldsANewerOne() throws Exception {
        Price newer = new Price(
                "BTC",
                "USD",
                new BigDecimal("70000"),
                T.plusSeconds(1),
                Tier.HOT,
                PriceStatus.DEGRADED,
                List.of(),
                List.of());
        near.offer(newer);
        near.offer(price); // older: not taken
        assertThat(near.ready("BTC").price()).isSameAs(newer);
        JsonNode answered = mapper.readTree(json.one(price, Tier.HOT, T));
        assertThat(answered.get("price").asText()).isEqualTo("67187.33");
        assertThat(answered.get("ageMs").asLong()).isZero();
        JsonNode held = mapper.readTree(
                json.body(near.ready("BTC"), Tier.COLD, T.plusSeconds(2).toEpochMilli()));
        assertThat(held.get("price").asText()).isEqualTo("70000");
        assertThat(held.get("status").asText()).isEqualTo("degraded");
        assertThat(held.get("tier").asText()).isEqualTo("cold");
        assertThat(held.get("ageMs").asLong()).isEqualTo(1_000);
        assertThat(held.get("sources")).isEmpty();
    }

    @Test
    void shouldHoldPricesOfSymbolsOutsideTheUniverseWithoutAnAsset() {
        Price stranger =
                new Price("NOTANASSET", "USD", BigDecimal.ONE, T, Tier.COLD, PriceStatus.OK, List.of(), List.of());
        near.offer(stranger);
        assertThat(near.ready("NOTANASSET").asset()).isNull();
        assertThat(near.get("NOTANASSET")).contains(stranger);
    }
}
