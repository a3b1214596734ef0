package io.pricewire.sim.market;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Turns the hidden USD prices into one exchange's tickers. Each (exchange, asset) has a fixed small
 * deviation from the truth (within ±0.15 %), a spread, a 24 h change and a volume, all drawn once from
 * the seed, so exchanges disagree a little but consistently, as real ones do.
 */
public final class Quoter {
    static final double MAX_DEVIATION = 0.0015;

    private final Market market;
    private final double[] deviation;
    private final double[] spread;
    private final double[] dayChange;
    private final double[] highExtra;
    private final double[] lowExtra;
    private final double[] usdVolume;
    private final double[] tradeUsd;
    private final long[] tradeIdBase;
    /** Index of the quote currency's asset (USDT, USDC) in the market, or -1 for USD. */
    private final int[] quoteAsset;

    public Quoter(ExchangeId exchange, Market market, long seed) {
        this.market = market;
        List<Asset> assets = market.universe().all();
        int n = assets.size();
        deviation = new double[n];
        spread = new double[n];
        dayChange = new double[n];
        highExtra = new double[n];
        lowExtra = new double[n];
        usdVolume = new double[n];
        tradeUsd = new double[n];
        tradeIdBase = new long[n];
        quoteAsset = new int[n];
        for (int i = 0; i < n; i++) {
            Asset asset = assets.get(i);
            SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed, exchange.ordinal(), Seeds.of(asset.symbol())));
            boolean pegged = BasePrices.isStablecoin(asset.symbol());
            deviation[i] = rnd.nextDouble(-MAX_DEVIATION, MAX_DEVIATION);
            // big assets trade on tight books, the long tail on wide ones
            spread[i] = Math.min(0.004, 0.00005 * Math.sqrt(asset.rank())) * rnd.nextDouble(0.5, 1.5);
            dayChange[i] = pegged ? rnd.nextDouble(-0.0005, 0.0005) : rnd.nextDouble(-0.06, 0.06);
            highExtra[i] = pegged ? rnd.nextDouble(0, 0.0005) : rnd.nextDouble(0.001, 0.02);
            lowExtra[i] = pegged ? rnd.nextDouble(0, 0.0005) : rnd.nextDouble(0.001, 0.02);
            usdVolume[i] = 2.5e10 / Math.pow(asset.rank(), 1.2) * share(exchange) * rnd.nextDouble(0.7, 1.3);
            tradeUsd[i] = rnd.nextDouble(50, 2_000);
            tradeIdBase[i] = rnd.nextLong(1_000_000L, 1_000_000_000L);
            quoteAsset[i] = asset.listingOn(exchange).map(this::quoteAssetIndex).orElse(-1);
        }
    }

    /** The ticker of the asset at {@code index} as this exchange would report it through {@code view}. */
    public Quote quote(int index, PriceView view) {
        MarketSnapshot s = view.snapshot();
        double usdMid = s.usd(index) * (1 + deviation[index]) * view.factor();
        double quoteCcyUsd = quoteAsset[index] < 0 ? 1.0 : s.usd(quoteAsset[index]);
        double mid = usdMid / quoteCcyUsd;
        double half = spread[index] / 2;
        double bid = mid * (1 - half);
        double ask = mid * (1 + half);
        double open = mid / (1 + dayChange[index]);
        double high = Math.max(open, mid) * (1 + highExtra[index]);
        double low = Math.min(open, mid) * (1 - lowExtra[index]);
        double vwap = (open + high + low + mid) / 4;
        double baseVolume = usdVolume[index] / usdMid;
        double quoteVolume = baseVolume * vwap;
        long tradeCount = Math.max(1L, (long) (usdVolume[index] / (tradeUsd[index] * 20)));
        // a trade id that grows with time (about 4 trades a second) so consecutive polls see new trades
        long tradeId = tradeIdBase[index] + (long) (view.timeMs() / 250.0) % 1_000_000_000_000L;
        double wobble = 0.5 + ((tradeId * 2654435761L) & 0xffff) / 65536.0;
        double lastQty = tradeUsd[index] * wobble / usdMid;
        double bidQty = lastQty * 7.3;
        double askQty = lastQty * 5.9;
        return new Quote(
                mid,
                bid,
                ask,
                open,
                high,
                low,
                vwap,
                baseVolume,
                quoteVolume,
                tradeCount,
                lastQty,
                bidQty,
                askQty,
                view.timeMs(),
                tradeId);
    }

    private int quoteAssetIndex(Listing listing) {
        String pair = listing.pair().replace("-", "");
        String currency = pair.endsWith("USDT") ? "USDT" : pair.endsWith("USDC") ? "USDC" : "USD";
        if (currency.equals("USD")) {
            return -1;
        }
        OptionalInt i = market.indexOf(currency);
        // a universe without the stablecoin quotes it at exactly 1 USD
        return i.orElse(-1);
    }

    private static double share(ExchangeId exchange) {
        return switch (exchange) {
            case BINANCE -> 0.40;
            case OKX -> 0.20;
            case COINBASE -> 0.15;
            case KRAKEN -> 0.05;
        };
    }
}
