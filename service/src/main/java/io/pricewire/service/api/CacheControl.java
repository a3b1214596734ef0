package io.pricewire.service.api;

import io.pricewire.core.asset.Tier;
import io.pricewire.service.config.CacheControlProperties;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code Cache-Control} value of a price answer: {@code public, max-age=N} with the tier's
 * edge-cache time. A batch gets the shortest of its prices' times, so no price in it is held
 * longer than its own tier allows. The strings are built once; the fast path sends the same ones.
 */
@Singleton
public final class CacheControl {
    public static final String HEADER = "Cache-Control";
    /** For answers no shared cache may keep (errors, refreshes). */
    public static final String NO_STORE = "no-store";

    private final Map<Tier, String> byTier = new EnumMap<>(Tier.class);
    private final Map<Tier, Long> seconds = new EnumMap<>(Tier.class);

    CacheControl(CacheControlProperties props) {
        for (Tier tier : Tier.values()) {
            seconds.put(tier, Math.max(0, props.maxAge(tier).toSeconds()));
            byTier.put(tier, "public, max-age=" + seconds.get(tier));
        }
    }

    public String of(Tier tier) {
        return byTier.get(tier);
    }

    /** The value for a batch of prices of {@code tiers}: the shortest of their times; no price, no caching. */
    public String of(List<Tier> tiers) {
        Tier shortest = null;
        for (Tier t : tiers) {
            if (shortest == null || seconds.get(t) < seconds.get(shortest)) {
                shortest = t;
            }
        }
        return shortest == null ? NO_STORE : of(shortest);
    }
}
