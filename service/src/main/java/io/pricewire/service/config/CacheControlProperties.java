package io.pricewire.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.pricewire.core.asset.Tier;
import java.time.Duration;

/**
 * How long a shared cache (the CloudFront edge in AWS) may keep a price answer, per tier
 * ({@code pricewire.cache-control.*}, e.g. {@code PRICEWIRE_CACHE_CONTROL_HOT=1s}). Each is a
 * small part of the tier's refresh interval: an edge-cached answer is at most this much older
 * than its {@code ageMs} says, and a hot asset is never held past one refresh.
 */
@ConfigurationProperties("pricewire.cache-control")
public record CacheControlProperties(Duration hot, Duration medium, Duration cold) {

    public Duration maxAge(Tier tier) {
        return switch (tier) {
            case HOT -> hot;
            case MEDIUM -> medium;
            case COLD -> cold;
        };
    }
}
