package io.pricewire.core.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricewire.core.exchange.ExchangeId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AssetUniverseTest {
    private final AssetUniverse universe = AssetUniverse.loadDefault();

    @Test
    void shouldHoldAtLeastAThousandAssetsInRankOrderWhenLoaded() {
        assertThat(universe.size()).isGreaterThanOrEqualTo(1000);
        assertThat(universe.all().get(0).symbol()).isEqualTo("BTC");
        for (int i = 1; i < universe.size(); i++) {
            assertThat(universe.all().get(i).rank())
                    .isGreaterThan(universe.all().get(i - 1).rank());
        }
        assertThat(universe.all()).allSatisfy(a -> {
            assertThat(a.listings()).isNotEmpty();
            assertThat(a.id()).matches("[a-z0-9.-]+");
        });
    }

    @Test
    void shouldDropOnlyTheNamedExchangeWhenAnAssetIsTakenWithoutIt() {
        Asset btc = universe.find("BTC").orElseThrow();

        Asset spared = btc.without(ExchangeId.COINBASE);

        assertThat(spared.listingOn(ExchangeId.COINBASE)).isEmpty();
        assertThat(spared.listings()).hasSize(btc.listings().size() - 1);
        assertThat(spared.listingOn(ExchangeId.KRAKEN)).isEqualTo(btc.listingOn(ExchangeId.KRAKEN));
        assertThat(spared.symbol()).isEqualTo("BTC");
        assertThat(btc.listingOn(ExchangeId.COINBASE))
                .as("the original is unchanged")
                .isPresent();
    }

    @Test
    void shouldUseKrakensOwnNamesWhenListingBitcoin() {
        Asset btc = universe.find("btc").orElseThrow();
        assertThat(btc.name()).isEqualTo("Bitcoin");
        assertThat(btc.id()).isEqualTo("bitcoin");
        assertThat(btc.listingOn(ExchangeId.KRAKEN).orElseThrow().pair()).isEqualTo("XBTUSD");
        assertThat(btc.listingOn(ExchangeId.KRAKEN).orElseThrow().resultKey()).isEqualTo("XXBTZUSD");
        assertThat(btc.listingOn(ExchangeId.BINANCE).orElseThrow().pair()).isEqualTo("BTCUSDT");
        assertThat(btc.listingOn(ExchangeId.COINBASE).orElseThrow().pair()).isEqualTo("BTC-USD");
        assertThat(btc.listingOn(ExchangeId.OKX).orElseThrow().pair()).isEqualTo("BTC-USDT");
    }

    @Test
    void shouldSplitTiersTwentyOneEightyAndRestWhenUsingDefaultBoundaries() {
        assertThat(universe.inTier(Tier.HOT, TierBoundaries.DEFAULT)).hasSize(20);
        assertThat(universe.inTier(Tier.MEDIUM, TierBoundaries.DEFAULT)).hasSize(180);
        assertThat(universe.inTier(Tier.COLD, TierBoundaries.DEFAULT)).hasSize(universe.size() - 200);
        assertThat(universe.inTier(Tier.HOT, new TierBoundaries(5, 10))).hasSize(5);
    }

    @Test
    void shouldListColdAssetsOnFewerExchangesWhenComparedWithHotOnes() {
        double hot = universe.inTier(Tier.HOT, TierBoundaries.DEFAULT).stream()
                .mapToInt(a -> a.listings().size())
                .average()
                .orElseThrow();
        double cold = universe.inTier(Tier.COLD, TierBoundaries.DEFAULT).stream()
                .mapToInt(a -> a.listings().size())
                .average()
                .orElseThrow();
        assertThat(cold).isLessThan(hot);
        assertThat(universe.inTier(Tier.COLD, TierBoundaries.DEFAULT))
                .anySatisfy(a -> assertThat(a.listings()).hasSize(1));
    }

    @Test
    void shouldRejectDuplicateSymbolsAndBadRowsWhenParsing() {
        String dup = "rank,symbol,name,id,binance,coinbase,kraken,okx\n1,AAA,A,a,AAAUSDT,,,\n2,AAA,A,a,AAAUSDT,,,\n";
        assertThatThrownBy(() -> AssetUniverse.parse(new ByteArrayInputStream(dup.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("duplicate");
        String shortRow = "rank,symbol,name,id,binance,coinbase,kraken,okx\n1,AAA,A\n";
        assertThatThrownBy(
                        () -> AssetUniverse.parse(new ByteArrayInputStream(shortRow.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("line 2");
    }

    @Test
    void shouldFindSymbolsCaseInsensitivelyAndNotFindUnknownOnes() {
        assertThat(universe.find("eth")).isPresent();
        assertThat(universe.find("NOPE_NOT_THERE")).isEmpty();
        assertThat(universe.find(null)).isEmpty();
    }
}
