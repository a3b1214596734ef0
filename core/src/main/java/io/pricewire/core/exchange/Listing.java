package io.pricewire.core.exchange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one exchange lists one asset.
 *
 * @param symbol    Pricewire's canonical symbol (e.g. {@code BTC})
 * @param pair      the pair name used in requests (e.g. Binance {@code BTCUSDT}, Kraken {@code XBTUSD})
 * @param resultKey the key the exchange answers under, where it differs from the request name
 *                  (Kraken answers {@code XBTUSD} as {@code XXBTZUSD}); equals {@code pair} otherwise
 */
public record Listing(String symbol, String pair, String resultKey) {
    public Listing {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(pair, "pair");
        if (resultKey == null || resultKey.isEmpty()) {
            resultKey = pair;
        }
    }

    public Listing(String symbol, String pair) {
        this(symbol, pair, pair);
    }

    /** Listings grouped by request name, first-seen order: duplicates are asked for once and answered to each. */
    public static Map<String, List<Listing>> byPair(List<Listing> listings) {
        Map<String, List<Listing>> grouped = new LinkedHashMap<>();
        for (Listing l : listings) {
            grouped.computeIfAbsent(l.pair(), k -> new ArrayList<>()).add(l);
        }
        return grouped;
    }
}
