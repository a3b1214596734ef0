package io.pricewire.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Demand-driven tiers ({@code pricewire.demand.*}): request counts, shared by all instances in
 * Redis and halved every {@code halfLife}, promote a busy asset into the hot tier.
 *
 * @param enabled    whether requests move assets between tiers
 * @param period     how often counts are flushed to Redis and the hot set recomputed
 * @param halfLife   how fast demand cools
 * @param hysteresis how much busier than the coldest hot asset a candidate must be to take its place
 * @param minScore   the least (decayed) request count that can earn promotion
 */
@ConfigurationProperties("pricewire.demand")
public record DemandProperties(boolean enabled, Duration period, Duration halfLife, double hysteresis, double minScore) {
}
