package io.pricewire.sim.exchange;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.sim.market.Market;
import io.pricewire.sim.market.MarketSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one exchange lists, by its own pair names, pointing at asset indexes of the market; and which of
 * those pairs are delisted right now. A delisted pair keeps its position (and its place in a listing
 * endpoint that shows it with a status) until it is relisted.
 */
public final class Listings {
    private final ExchangeId exchange;
    private final List<Listing> listings = new ArrayList<>();
    private final List<Integer> assetIndexes = new ArrayList<>();
    private final List<PairRules> rules = new ArrayList<>();
    private final Map<String, Integer> byName = new HashMap<>();
    private final Map<String, Integer> bySymbol = new HashMap<>();
    /** Positions of delisted pairs; read by every request, changed by the control API. */
    private final Set<Integer> delisted = ConcurrentHashMap.newKeySet();

    /**
     * @param alsoByResultKey accept the exchange's answer key as a request name too (Kraken takes both)
     */
    Listings(ExchangeId exchange, Market market, boolean alsoByResultKey) {
        this.exchange = exchange;
        List<Asset> assets = market.universe().all();
        MarketSnapshot opening = market.snapshot();
        for (int i = 0; i < assets.size(); i++) {
            int assetIndex = i;
            assets.get(i).listingOn(exchange).ifPresent(l -> {
                int position = listings.size();
                listings.add(l);
                assetIndexes.add(assetIndex);
                rules.add(PairRules.forPrice(opening.usd(assetIndex)));
                byName.put(l.pair(), position);
                bySymbol.put(l.symbol(), position);
                if (alsoByResultKey) {
                    byName.putIfAbsent(l.resultKey(), position);
                }
            });
        }
    }

    public ExchangeId exchange() {
        return exchange;
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

    PairRules rules(int position) {
        return rules.get(position);
    }

    /** Position of a listing by request name (exact match), delisted or not. */
    OptionalInt find(String name) {
        Integer p = byName.get(name);
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }

    /** Position of a listing by request name (exact match), empty when unknown or delisted. */
    OptionalInt findListed(String name) {
        OptionalInt p = find(name);
        return p.isPresent() && delisted.contains(p.getAsInt()) ? OptionalInt.empty() : p;
    }

    boolean isListed(int position) {
        return !delisted.contains(position);
    }

    /** Positions of the pairs trading now, in the universe's rank order. */
    List<Integer> listedPositions() {
        List<Integer> positions = new ArrayList<>(listings.size());
        for (int p = 0; p < listings.size(); p++) {
            if (!delisted.contains(p)) {
                positions.add(p);
            }
        }
        return positions;
    }

    /** How this exchange lists a Pricewire symbol (canonical upper case), delisted or not. */
    public Optional<Listing> listingOf(String symbol) {
        Integer p = bySymbol.get(symbol);
        return p == null ? Optional.empty() : Optional.of(listings.get(p));
    }

    /** Delists the symbol's pair; empty when this exchange does not list the symbol. Idempotent. */
    public Optional<Listing> delist(String symbol) {
        Integer p = bySymbol.get(symbol);
        if (p == null) {
            return Optional.empty();
        }
        delisted.add(p);
        return Optional.of(listings.get(p));
    }

    /** Lists the symbol's pair again; empty when this exchange does not list the symbol. Idempotent. */
    public Optional<Listing> relist(String symbol) {
        Integer p = bySymbol.get(symbol);
        if (p == null) {
            return Optional.empty();
        }
        delisted.remove(p);
        return Optional.of(listings.get(p));
    }

    public void relistAll() {
        delisted.clear();
    }

    /** The delisted pairs, in the universe's rank order. */
    public List<Listing> delisted() {
        List<Listing> gone = new ArrayList<>();
        for (int p = 0; p < listings.size(); p++) {
            if (delisted.contains(p)) {
                gone.add(listings.get(p));
            }
        }
        return gone;
    }
}
