package io.pricewire.service.prices;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.RejectedQuote;
import io.pricewire.core.price.SourcePrice;
import io.pricewire.service.config.TierProperties;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The public JSON of a price (ARCHITECTURE.md §6): decimal strings, ISO-8601 UTC times, and the
 * freshness fields computed at answer time — {@code ageMs}, and {@code stale} once the price is
 * older than twice its tier's refresh interval.
 */
@Singleton
public class PriceJson {
    private static final JsonFactory JSON = new JsonFactory();
    private final TierProperties tiers;

    PriceJson(TierProperties tiers) {
        this.tiers = tiers;
    }

    public byte[] one(Price price, Tier currentTier, Instant now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, price, currentTier, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code {"prices":[…],"unknown":[…]}}. */
    public byte[] many(List<Price> prices, List<Tier> currentTiers, List<String> unknown, Instant now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 * Math.max(1, prices.size()));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("prices");
            for (int i = 0; i < prices.size(); i++) {
                write(g, prices.get(i), currentTiers.get(i), now);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("unknown");
            for (String u : unknown) {
                g.writeString(u);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void write(JsonGenerator g, Price p, Tier tier, Instant now) throws IOException {
        long ageMs = p.age(now).toMillis();
        g.writeStartObject();
        g.writeStringField("symbol", p.symbol());
        g.writeStringField("currency", p.currency());
        g.writeStringField("price", p.price().toPlainString());
        g.writeStringField("timestamp", p.timestamp().toString());
        g.writeNumberField("ageMs", ageMs);
        g.writeStringField("tier", tier.label());
        g.writeStringField("status", p.status().label());
        g.writeBooleanField("stale", ageMs > tiers.staleAfter(tier).toMillis());
        g.writeArrayFieldStart("sources");
        for (SourcePrice s : p.sources()) {
            g.writeStartObject();
            g.writeStringField("exchange", s.exchange().label());
            g.writeStringField("price", s.price().toPlainString());
            g.writeStringField("timestamp", s.timestamp().toString());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rejected");
        for (RejectedQuote r : p.rejected()) {
            g.writeStartObject();
            g.writeStringField("exchange", r.exchange().label());
            g.writeStringField("price", r.price().toPlainString());
            g.writeStringField("reason", r.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
