package io.pricewire.service.nearcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceStatus;
import io.pricewire.core.price.SourcePrice;
import io.pricewire.core.price.WirePrice;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The near cache holds prices as the channel brought them, newest first, whichever way each arrived. */
class NearCacheTest {
    private static final Instant T = Instant.parse("2026-11-26T12:00:00.123Z");
    private final NearCache near = new NearCache(AssetUniverse.loadDefault());

    @Test
    void shouldHoldTheBytesAsReceivedWhenAPriceComesFromTheChannel() {
        byte[] received = WirePrice.of(price("BTC", "100", T)).bytes();

        near.offer(WirePrice.read(received));

        ReadyPrice ready = near.ready("BTC");
        assertThat(ready.wire().bytes()).as("neither decoded nor written again").isSameAs(received);
        assertThat(ready.asset().symbol()).isEqualTo("BTC");
        assertThat(ready.millis()).isEqualTo(T.toEpochMilli());
        assertThat(near.get("BTC")).contains(price("BTC", "100", T));
        assertThat(near.get("ETH")).isEmpty();
    }

    @Test
    void shouldKeepTheNewerPriceWhicheverWayEachArrives() {
        Price own = price("ETH", "2", T.plusSeconds(1));
        near.offer(own);

        near.offer(WirePrice.read(WirePrice.of(price("ETH", "1", T)).bytes()));
        assertThat(near.ready("ETH").price())
                .as("an older one from the channel")
                .isSameAs(own);

        WirePrice heardBack = WirePrice.read(WirePrice.of(own).bytes());
        near.offer(heardBack);
        assertThat(near.ready("ETH").wire())
                .as("its own price heard back: not taken again")
                .isNotSameAs(heardBack);
        assertThat(near.ready("ETH").price()).isSameAs(own);

        WirePrice newer =
                WirePrice.read(WirePrice.of(price("ETH", "3", T.plusSeconds(2))).bytes());
        near.offer(newer);
        assertThat(near.ready("ETH").wire()).isSameAs(newer);

        near.offer(price("ETH", "0.5", T.plusSeconds(1)));
        assertThat(near.ready("ETH").wire()).as("an older object").isSameAs(newer);
    }

    private static Price price(String symbol, String value, Instant at) {
        return new Price(
                symbol,
                "USD",
                new BigDecimal(value),
                at,
                Tier.HOT,
                PriceStatus.OK,
                List.of(new SourcePrice(ExchangeId.BINANCE, new BigDecimal(value), at)),
                List.of());
    }
}
