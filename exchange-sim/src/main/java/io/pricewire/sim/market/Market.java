package io.pricewire.sim.market;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * The hidden true USD price of every asset: a seeded geometric random walk, one step per {@link #tick()}.
 * Stablecoins walk a mean-reverting path clamped to ±0.2 % of 1 USD. Same seed, same sequence of prices.
 */
public final class Market {
    /** Per-step volatility (0.02 %): visible movement every tick, a few percent over a day of 500 ms ticks. */
    static final double SIGMA = 0.0002;
    /** How strongly a stablecoin is pulled back to its peg each step. */
    private static final double PEG_PULL = 0.05;
    /** ln(1.0019): keeps stablecoins inside the ±0.2 % band even after rounding to 8 digits. */
    private static final double PEG_BAND = Math.log1p(0.0019);

    private final AssetUniverse universe;
    private final Clock clock;
    private final Map<String, Integer> indexBySymbol = new HashMap<>();
    private final double[] baseLog;
    private final boolean[] pegged;
    private final double[] logOffset;
    private final SplittableRandom walk;
    private volatile MarketSnapshot current;

    public Market(AssetUniverse universe, long seed, Clock clock) {
        this.universe = universe;
        this.clock = clock;
        List<Asset> assets = universe.all();
        int n = assets.size();
        baseLog = new double[n];
        pegged = new boolean[n];
        logOffset = new double[n];
        for (int i = 0; i < n; i++) {
            String symbol = assets.get(i).symbol();
            indexBySymbol.put(symbol, i);
            baseLog[i] = Math.log(BasePrices.of(symbol));
            pegged[i] = BasePrices.isStablecoin(symbol);
        }
        walk = new SplittableRandom(Seeds.mix(seed, 0x57A1_C0DEL));
        current = publish(0);
    }

    public AssetUniverse universe() {
        return universe;
    }

    /** The latest prices. */
    public MarketSnapshot snapshot() {
        return current;
    }

    /** Index of a symbol (case-sensitive, canonical upper case) in the universe's rank order. */
    public OptionalInt indexOf(String symbol) {
        Integer i = indexBySymbol.get(symbol);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** Takes one random-walk step for every asset and publishes the new snapshot. */
    public synchronized void tick() {
        for (int i = 0; i < logOffset.length; i++) {
            double step = SIGMA * walk.nextGaussian();
            if (pegged[i]) {
                logOffset[i] = Math.max(-PEG_BAND, Math.min(PEG_BAND, logOffset[i] * (1 - PEG_PULL) + step));
            } else {
                logOffset[i] += step;
            }
        }
        current = publish(current.tick() + 1);
    }

    private MarketSnapshot publish(long tick) {
        double[] usd = new double[logOffset.length];
        for (int i = 0; i < usd.length; i++) {
            usd[i] = Math.exp(baseLog[i] + logOffset[i]);
        }
        return new MarketSnapshot(usd, clock.instant().truncatedTo(ChronoUnit.MILLIS), tick);
    }
}
