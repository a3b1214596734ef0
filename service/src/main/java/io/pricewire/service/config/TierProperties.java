package io.pricewire.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.asset.TierBoundaries;
import java.time.Duration;

/**
 * Tier boundaries and refresh intervals ({@code pricewire.tiers.*}). A price is reported
 * {@code stale} once older than twice its tier's interval.
 */
@ConfigurationProperties("pricewire.tiers")
public record TierProperties(int hotSize, int mediumSize, Duration hotInterval, Duration mediumInterval, Duration coldInterval) {

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
}
