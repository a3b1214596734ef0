package io.pricewire.service.prices;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.price.Price;
import io.pricewire.service.assets.TierDirectory;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code pricewire_price_age_seconds{tier}}: the age of the oldest price of each tier this
 * instance knows (the near cache holds every price published since start), computed at scrape time.
 */
@Context
class PriceAgeGauges {
    PriceAgeGauges(MeterRegistry registry, NearCache nearCache, TierDirectory tiers, AssetUniverse universe, Clock clock) {
        for (Tier tier : Tier.values()) {
            Gauge.builder("pricewire.price.age", () -> {
                Instant now = clock.instant();
                double max = 0;
                for (Price p : nearCache.all()) {
                    var asset = universe.find(p.symbol());
                    if (asset.isPresent() && tiers.tierOf(asset.get()) == tier) {
                        max = Math.max(max, p.age(now).toMillis() / 1000.0);
                    }
                }
                return max;
            }).tag("tier", tier.label()).baseUnit("seconds").description("age of the oldest price of the tier")
                    .register(registry);
        }
    }
}
