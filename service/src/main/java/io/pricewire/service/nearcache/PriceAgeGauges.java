package io.pricewire.service.nearcache;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.pricewire.core.asset.Tier;
import io.pricewire.service.tiers.TierDirectory;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code pricewire_price_age_seconds{tier}}: the age of the oldest price of each tier, computed at
 * scrape time over the tier's members. The near cache holds every price published since start; a
 * member this instance has seen no price for counts as old as the instance itself, so a tier that
 * nobody refreshes (a Lambda that never runs) shows up as ageing rather than as fresh.
 */
@Context
class PriceAgeGauges {
    PriceAgeGauges(MeterRegistry registry, NearCache nearCache, TierDirectory tiers, Clock clock) {
        Instant started = clock.instant();
        for (Tier tier : Tier.values()) {
            Gauge.builder("pricewire.price.age", () -> {
                        Instant now = clock.instant();
                        double max = 0;
                        for (var asset : tiers.members(tier)) {
                            ReadyPrice held =
                                    nearCache.ready(asset.symbol()); // its time only: no price is decoded for a scrape
                            long since = held == null ? started.toEpochMilli() : held.millis();
                            max = Math.max(max, Math.max(0, now.toEpochMilli() - since) / 1000.0);
                        }
                        return max;
                    })
                    .tag("tier", tier.label())
                    .baseUnit("seconds")
                    .description("age of the oldest price of the tier")
                    .register(registry);
        }
    }
}
