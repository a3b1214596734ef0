package io.pricewire.core.asset;

/**
 * Static tiering by rank: ranks 1..hotSize are hot, the next mediumSize are medium, the rest
 * cold (the seed's split is 20 / 180 / rest).
 */
public record TierBoundaries(int hotSize, int mediumSize) {
    public static final TierBoundaries DEFAULT = new TierBoundaries(20, 180);

    public TierBoundaries {
        if (hotSize < 0 || mediumSize < 0) {
            throw new IllegalArgumentException("tier sizes must be >= 0");
        }
    }

    public Tier tierOf(int rank) {
        if (rank <= hotSize) {
            return Tier.HOT;
        }
        return rank <= hotSize + mediumSize ? Tier.MEDIUM : Tier.COLD;
    }
}
