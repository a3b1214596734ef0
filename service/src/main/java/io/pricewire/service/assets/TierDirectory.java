package io.pricewire.service.assets;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.service.config.TierProperties;
import jakarta.inject.Singleton;
import java.util.List;

/** The current tier of every asset (by rank today; the one place to ask, so demand-driven tiers plug in here). */
@Singleton
public class TierDirectory {
    private final AssetUniverse universe;
    private final TierProperties tiers;

    TierDirectory(AssetUniverse universe, TierProperties tiers) {
        this.universe = universe;
        this.tiers = tiers;
    }

    public Tier tierOf(Asset asset) {
        return tiers.boundaries().tierOf(asset.rank());
    }

    public List<Asset> members(Tier tier) {
        return universe.all().stream().filter(a -> tierOf(a) == tier).toList();
    }
}
