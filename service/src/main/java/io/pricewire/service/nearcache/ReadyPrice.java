package io.pricewire.service.nearcache;

import io.micronaut.core.annotation.Nullable;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.WirePrice;

/**
 * A price as the near cache holds it: its bytes as they came from Redis (a {@link WirePrice}: the
 * answer's JSON already written) with the asset, everything a read needs in one object, reached by one
 * map lookup. At 10,000 assets a read that went through three symbol maps (asset, price, rendered JSON)
 * touched three times the memory and ran measurably slower for cold assets than for the 20 hot ones
 * whose entries stay in the CPU caches.
 *
 * @param asset the universe's asset of the symbol; {@code null} for a symbol this instance does not track
 * @param wire  the price as stored and published
 */
public record ReadyPrice(@Nullable Asset asset, WirePrice wire) {
    /** The price itself, decoded from the bytes the first time anything asks (the fast path never does). */
    public Price price() {
        return wire.price();
    }

    /** The price's timestamp in epoch milliseconds. */
    public long millis() {
        return wire.millis();
    }
}
