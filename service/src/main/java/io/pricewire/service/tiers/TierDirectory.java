package io.pricewire.service.tiers;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.service.config.TierProperties;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * The current tier of every asset: rank decides, except that demand ({@link DemandTiers}) may
 * have chosen a different hot set — a promoted asset is hot, and a rank-hot asset it displaced
 * drops to medium. The one place to ask, for tickers, responses and the asset list.
 */
@Singleton
public class TierDirectory {
    private final AssetUniverse universe;
    private final TierProperties tiers;
    private volatile Set<String> hotOverride;

    TierDirectory(AssetUniverse universe, TierProperties tiers) {
        this.universe = universe;
        this.tiers = tiers;
    }

    public Tier tierOf(Asset asset) {
        Tier byRank = tiers.boundaries().tierOf(asset.rank());
        Set<String> hot = hotOverride;
        if (hot == null) {
            return byRank;
        }
        if (hot.contains(asset.symbol())) {
            return Tier.HOT;
        }
        return byRank == Tier.HOT ? Tier.MEDIUM : byRank;
    }

    public List<Asset> members(Tier tier) {
        return universe.all().stream().filter(a -> tierOf(a) == tier).toList();
    }

    /** The static, rank-based hot set. */
    public List<Asset> rankHot() {
        return universe.all().stream()
                .filter(a -> tiers.boundaries().tierOf(a.rank()) == Tier.HOT)
                .toList();
    }

    /** Installs the demand-chosen hot set ({@code null} = by rank only). */
    void useHotSet(Set<String> symbols) {
        this.hotOverride = symbols == null ? null : Set.copyOf(symbols);
    }
}
