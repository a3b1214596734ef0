package io.pricewire.service.nearcache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.WirePrice;
import io.pricewire.service.config.TierProperties;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The public JSON of a price (docs/architecture.md §5): decimal strings, ISO-8601 UTC times, and the
 * freshness fields computed at answer time — {@code ageMs}, and {@code stale} once the price is
 * older than twice its tier's refresh interval — plus the asset's current tier.
 *
 * <p>Everything but those three fields was written once, by whoever refreshed the price, into the
 * {@link WirePrice} that Redis holds and the near cache keeps as received: a response is then a few
 * byte copies and a number, which is most of what makes a cached read cheap.
 */
@Singleton
public class PriceJson {
    private static final JsonFactory JSON = new JsonFactory();

    private final long[] staleAfterMs = new long[Tier.values().length];
    private final NearCache near;

    PriceJson(TierProperties tiers, NearCache near) {
        this.near = near;
        for (Tier t : Tier.values()) {
            staleAfterMs[t.ordinal()] = tiers.staleAfter(t).toMillis();
        }
    }

    /** The body for {@code price}, reusing the near cache's bytes when they are of this very price. */
    public byte[] one(Price price, Tier currentTier, Instant now) {
        ReadyPrice ready = near.ready(price.symbol());
        WirePrice wire = ready != null && ready.wire().encodes(price) ? ready.wire() : WirePrice.of(price);
        return body(wire, currentTier, now.toEpochMilli());
    }

    /** The body of {@code ready} answered at {@code nowMs} for an asset now in {@code currentTier}. */
    public byte[] body(ReadyPrice ready, Tier currentTier, long nowMs) {
        return body(ready.wire(), currentTier, nowMs);
    }

    private byte[] body(WirePrice wire, Tier currentTier, long nowMs) {
        long ageMs = Math.max(0, nowMs - wire.millis());
        return wire.render(ageMs, currentTier, ageMs > staleAfterMs[currentTier.ordinal()]);
    }

    /** {@code {"prices":[…],"unknown":[…]}}. */
    public byte[] many(List<Price> prices, List<Tier> currentTiers, List<String> unknown, Instant now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(600 * Math.max(1, prices.size()));
        out.writeBytes("{\"prices\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < prices.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(one(prices.get(i), currentTiers.get(i), now));
        }
        out.writeBytes("],\"unknown\":".getBytes(StandardCharsets.US_ASCII));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (String u : unknown) {
                g.writeString(u);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('}');
        return out.toByteArray();
    }
}
