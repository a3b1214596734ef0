package io.pricewire.core.refresh;

import io.pricewire.core.asset.Tier;
import io.pricewire.core.asset.TierBoundaries;
import io.pricewire.core.asset.TierSettings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How a refresh runs, per tier.
 *
 * @param boundaries       static tiers by rank
 * @param fetchBudget      how long a refresh of the tier waits for the exchanges
 * @param maxQuoteAge      quotes older than this are dropped as stale
 * @param cacheTtl         Redis TTL; deliberately several refresh intervals long, freshness is reported by age
 */
public record RefreshSettings(
        TierBoundaries boundaries,
        Map<Tier, Duration> fetchBudget,
        Map<Tier, Duration> maxQuoteAge,
        Map<Tier, Duration> cacheTtl) {
    public RefreshSettings {
        for (Tier t : Tier.values()) {
            if (!fetchBudget.containsKey(t) || !maxQuoteAge.containsKey(t) || !cacheTtl.containsKey(t)) {
                throw new IllegalArgumentException("settings missing for tier " + t.label());
            }
        }
        fetchBudget = Map.copyOf(new EnumMap<>(fetchBudget));
        maxQuoteAge = Map.copyOf(new EnumMap<>(maxQuoteAge));
        cacheTtl = Map.copyOf(new EnumMap<>(cacheTtl));
    }

    /**
     * The settings for {@code tiers}, as the service and the cold Lambda both run them: its boundaries, and each
     * tier's fetch budget {@link TierSettings#fetchBudget within its interval}, at most the default budget.
     */
    public static RefreshSettings forTiers(TierSettings tiers) {
        RefreshSettings d = defaults();
        Map<Tier, Duration> budgets = new EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            budgets.put(t, tiers.fetchBudget(t, d.fetchBudget().get(t)));
        }
        return new RefreshSettings(tiers.boundaries(), budgets, d.maxQuoteAge(), d.cacheTtl());
    }

    /** Production defaults: hot 5 s / medium 30 s / cold 5 min cycles, each budget its ceiling. */
    public static RefreshSettings defaults() {
        return new RefreshSettings(
                TierBoundaries.DEFAULT,
                Map.of(
                        Tier.HOT,
                        Duration.ofSeconds(3),
                        Tier.MEDIUM,
                        Duration.ofSeconds(20),
                        Tier.COLD,
                        Duration.ofSeconds(120)),
                Map.of(
                        Tier.HOT,
                        Duration.ofSeconds(30),
                        Tier.MEDIUM,
                        Duration.ofMinutes(2),
                        Tier.COLD,
                        Duration.ofMinutes(10)),
                Map.of(
                        Tier.HOT,
                        Duration.ofMinutes(2),
                        Tier.MEDIUM,
                        Duration.ofMinutes(10),
                        Tier.COLD,
                        Duration.ofMinutes(30)));
    }
}
