package io.pricewire.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Demand-driven tiers ({@code pricewire.demand.*}): distinct clients asking for an asset, shared
 * by all instances in Redis and halved every {@code halfLife}, promote it into the hot tier.
 *
 * @param enabled         whether requests move assets between tiers
 * @param period          how often counts are flushed to Redis and the hot set recomputed
 * @param halfLife        how fast demand cools
 * @param hysteresis      how much busier than the coldest hot asset a candidate must be to take its place
 * @param minScore        the least (decayed) demand that can earn promotion
 * @param clientWindow    a client adds at most one point per asset per window; at the half-life, one client
 *                        alone can hold an asset's score at 2 at most, far below {@code minScore}
 * @param maxClientAssets (client, asset) pairs remembered for {@code clientWindow}; beyond it the least used are forgotten
 * @param protectedRanks  the assets ranked 1 to this are never demoted by demand
 */
@ConfigurationProperties("pricewire.demand")
public record DemandProperties(
        boolean enabled,
        Duration period,
        Duration halfLife,
        double hysteresis,
        double minScore,
        Duration clientWindow,
        int maxClientAssets,
        int protectedRanks) {}
