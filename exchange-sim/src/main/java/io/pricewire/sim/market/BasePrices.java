package io.pricewire.sim.market;

import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Starting USD prices: real-ish levels for the well-known symbols so the numbers look familiar,
 * a log-uniform level between 0.0001 and 1,000 (seeded by the symbol) for everything else.
 */
final class BasePrices {
    /** Pegged to 1 USD; the walk keeps them within ±0.2 %. */
    static final Set<String> STABLECOINS =
            Set.of("USDT", "USDC", "DAI", "FDUSD", "TUSD", "USDE", "PYUSD", "USDS", "USDD");

    private static final Map<String, Double> KNOWN = Map.ofEntries(
            Map.entry("BTC", 95_000.0),
            Map.entry("ETH", 3_500.0),
            Map.entry("XRP", 2.2),
            Map.entry("BNB", 650.0),
            Map.entry("SOL", 180.0),
            Map.entry("DOGE", 0.3),
            Map.entry("TRX", 0.25),
            Map.entry("ADA", 0.9),
            Map.entry("LINK", 20.0),
            Map.entry("AVAX", 35.0),
            Map.entry("XLM", 0.4),
            Map.entry("SUI", 4.0),
            Map.entry("BCH", 450.0),
            Map.entry("HBAR", 0.27),
            Map.entry("LTC", 100.0),
            Map.entry("DOT", 6.5),
            Map.entry("SHIB", 0.000021),
            Map.entry("TON", 5.0),
            Map.entry("UNI", 12.0),
            Map.entry("PEPE", 0.000018),
            Map.entry("NEAR", 5.0),
            Map.entry("APT", 9.0),
            Map.entry("ICP", 10.0),
            Map.entry("AAVE", 300.0),
            Map.entry("ETC", 26.0),
            Map.entry("POL", 0.45),
            Map.entry("FIL", 5.0),
            Map.entry("ATOM", 6.5),
            Map.entry("ARB", 0.75),
            Map.entry("OP", 1.8),
            Map.entry("INJ", 22.0),
            Map.entry("RENDER", 7.0),
            Map.entry("IMX", 1.3),
            Map.entry("STX", 1.6),
            Map.entry("GRT", 0.2),
            Map.entry("ALGO", 0.35),
            Map.entry("VET", 0.045),
            Map.entry("XMR", 200.0),
            Map.entry("TIA", 5.0),
            Map.entry("SEI", 0.4),
            Map.entry("LDO", 1.8),
            Map.entry("QNT", 110.0),
            Map.entry("FET", 1.3),
            Map.entry("RUNE", 4.5),
            Map.entry("SAND", 0.55),
            Map.entry("MANA", 0.5),
            Map.entry("AXS", 7.0),
            Map.entry("EGLD", 35.0),
            Map.entry("FLOW", 0.8),
            Map.entry("XTZ", 1.2),
            Map.entry("THETA", 2.0),
            Map.entry("CHZ", 0.09),
            Map.entry("KAVA", 0.5),
            Map.entry("SNX", 2.5),
            Map.entry("CRV", 0.8),
            Map.entry("COMP", 70.0),
            Map.entry("ZEC", 55.0),
            Map.entry("DASH", 35.0),
            Map.entry("ENJ", 0.25),
            Map.entry("BAT", 0.22),
            Map.entry("1INCH", 0.4),
            Map.entry("GALA", 0.035),
            Map.entry("APE", 1.2),
            Map.entry("ZIL", 0.02),
            Map.entry("ANKR", 0.035),
            Map.entry("SUSHI", 1.3),
            Map.entry("YFI", 8_000.0),
            Map.entry("KSM", 30.0));

    private BasePrices() {}

    static boolean isStablecoin(String symbol) {
        return STABLECOINS.contains(symbol);
    }

    static double of(String symbol) {
        if (isStablecoin(symbol)) {
            return 1.0;
        }
        Double known = KNOWN.get(symbol);
        if (known != null) {
            return known;
        }
        // seeded by the symbol alone so an asset keeps its price level across sim seeds
        double log10 = new SplittableRandom(Seeds.of(symbol)).nextDouble(-4.0, 3.0);
        return Math.pow(10, log10);
    }
}
