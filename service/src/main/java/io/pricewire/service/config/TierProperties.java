package io.pricewire.service.config;

import io.micronaut.core.value.PropertyResolver;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.asset.TierBoundaries;
import io.pricewire.core.asset.TierSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The tiers as this service runs them: core's {@link TierSettings}, read as the cold Lambda reads
 * them — the environment variables {@code PRICEWIRE_TIERS_*} (or their properties
 * {@code pricewire.tiers.*}, e.g. {@code pricewire.tiers.hot-interval=5s}), with core's defaults —
 * so the two runtimes never split the ranks differently. A price is reported {@code stale} once
 * older than twice its tier's interval.
 */
@Singleton
public final class TierProperties {
    private final TierSettings settings;

    @Inject
    TierProperties(PropertyResolver properties) {
        this(TierSettings.read(setting ->
                properties.getProperty(setting.property(), String.class).orElse(null)));
    }

    public TierProperties(TierSettings settings) {
        this.settings = settings;
    }

    public TierSettings settings() {
        return settings;
    }

    public TierBoundaries boundaries() {
        return settings.boundaries();
    }

    public int hotSize() {
        return settings.boundaries().hotSize();
    }

    public Duration interval(Tier tier) {
        return settings.interval(tier);
    }

    public Duration staleAfter(Tier tier) {
        return settings.staleAfter(tier);
    }
}
