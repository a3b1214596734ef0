package io.pricewire.sim.exchange;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** What one exchange lists, by its own pair names, pointing at asset indexes of the market. */
final class Listings {
    private final List<Listing> listings = new ArrayList<>();
    private final List<Integer> assetIndexes = new ArrayList<>();
    private final Map<String, Integer> byName = new HashMap<>();

    /**
     * @param alsoByResultKey accept the exchange's answer key as a request name too (Kraken takes both)
     */
    Listings(ExchangeId exchange, List<Asset> assets, boolean alsoByResultKey) {
        for (int i = 0; i < assets.size(); i++) {
            int assetIndex = i;
            assets.get(i).listingOn(exchange).ifPresent(l -> {
                int position = listings.size();
                listings.add(l);
                assetIndexes.add(assetIndex);
                byName.put(l.pair(), position);
                if (alsoByResultKey) {
                    byName.putIfAbsent(l.resultKey(), position);
                }
            });
        }
    }

    int size() {
        return listings.size();
    }

    Listing listing(int position) {
        return listings.get(position);
    }

    int assetIndex(int position) {
        return assetIndexes.get(position);
    }

    /** Position of a listing by request name (exact match). */
    OptionalInt find(String name) {
        Integer p = byName.get(name);
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }
}
