package io.pricewire.sim.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class QuoterTest {
    private static final AssetUniverse UNIVERSE = AssetUniverse.loadDefault();
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final Market market = new Market(UNIVERSE, 5, clock);

    @Test
    void shouldQuoteWithinTheDeviationBandOfTheTruthWhenConvertedToUsd() {
        for (int i = 0; i < 20; i++) {
            market.tick();
        }
        MarketSnapshot s = market.snapshot();
        double usdt = s.usd(market.indexOf("USDT").orElseThrow());
        PriceView view = new PriceView(s, 1.0, clock.millis());
        for (ExchangeId e : ExchangeId.values()) {
            Quoter quoter = new Quoter(e, market, 5);
            for (Asset a : UNIVERSE.all()) {
                if (a.listingOn(e).isEmpty()) {
                    continue;
                }
                int i = market.indexOf(a.symbol()).orElseThrow();
                Quote q = quoter.quote(i, view);
                boolean usdtQuoted = a.listingOn(e).orElseThrow().pair().endsWith("USDT");
                double usd = usdtQuoted ? q.last() * usdt : q.last();
                assertThat(usd / s.usd(i) - 1).as("%s on %s", a.symbol(), e).isCloseTo(0, within(Quoter.MAX_DEVIATION));
                assertThat(q.bid()).isLessThan(q.last());
                assertThat(q.ask()).isGreaterThan(q.last());
                assertThat(q.low()).isLessThanOrEqualTo(Math.min(q.open(), q.last()));
                assertThat(q.high()).isGreaterThanOrEqualTo(Math.max(q.open(), q.last()));
                assertThat(q.baseVolume()).isPositive();
            }
        }
    }

    @Test
    void shouldMultiplyEveryPriceWhenTheViewHasAFactor() {
        Quoter quoter = new Quoter(ExchangeId.COINBASE, market, 5);
        int btc = market.indexOf("BTC").orElseThrow();
        Quote normal = quoter.quote(btc, new PriceView(market.snapshot(), 1.0, 0));
        Quote outlier = quoter.quote(btc, new PriceView(market.snapshot(), 10.0, 0));
        assertThat(outlier.last()).isCloseTo(normal.last() * 10, within(1e-6));
        assertThat(outlier.bid()).isCloseTo(normal.bid() * 10, within(1e-6));
    }

    @Test
    void shouldDeviateDifferentlyPerExchangeWhenQuotingTheSameAsset() {
        int btc = market.indexOf("BTC").orElseThrow();
        PriceView view = new PriceView(market.snapshot(), 1.0, 0);
        double coinbase =
                new Quoter(ExchangeId.COINBASE, market, 5).quote(btc, view).last();
        double kraken =
                new Quoter(ExchangeId.KRAKEN, market, 5).quote(btc, view).last();
        assertThat(coinbase).isNotEqualTo(kraken);
    }

    @Test
    void shouldAdvanceTheTradeIdWhenTimePasses() {
        Quoter quoter = new Quoter(ExchangeId.COINBASE, market, 5);
        int btc = market.indexOf("BTC").orElseThrow();
        long first = quoter.quote(btc, new PriceView(market.snapshot(), 1.0, 1_000_000))
                .tradeId();
        long later = quoter.quote(btc, new PriceView(market.snapshot(), 1.0, 1_010_000))
                .tradeId();
        assertThat(later).isGreaterThan(first);
    }
}
