package io.pricewire.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.asset.TierBoundaries;
import java.time.Duration;

/**
 * Tier boundaries and refresh intervals ({@code pricewire.tiers.*}, e.g. {@code PRICEWIRE_TIERS_HOT_INTERVAL=5s}).
 * A price is reported {@code stale} once older than twice its tier's interval.
 *
 * @param tickers whether this instance runs the hot and medium tickers (off for tests that drive refreshes themselves)
 */
@ConfigurationProperties("pricewire.tiers")
public record TierProperties(int hotSize, int mediumSize, Duration hotInterval, Duration mediumInterval, Duration coldInterval,
                             boolean tickers) {

    public TierBoundaries boundaries() {
        return new TierBoundaries(hotSize, mediumSize);
    }

    public Duration interval(Tier tier) {
        return switch (tier) {
            case HOT -> hotInterval;
            case MEDIUM -> mediumInterval;
            case COLD -> coldInterval;
        };
    }

    public Duration staleAfter(Tier tier) {
        return interval(tier).multipliedBy(2);
    }

    /**
     * How long one cycle of the tier may wait for the exchanges: at most 60 % of its interval,
     * so a cycle always ends before the next one is due and a slow exchange only costs its share.
     */
    public Duration fetchBudget(Tier tier, Duration ceiling) {
        Duration share = interval(tier).multipliedBy(6).dividedBy(10);
        return share.compareTo(ceiling) < 0 ? share : ceiling;
    }
}
