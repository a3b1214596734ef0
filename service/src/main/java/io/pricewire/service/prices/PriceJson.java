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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public JSON of a price (ARCHITECTURE.md §6): decimal strings, ISO-8601 UTC times, and the
 * freshness fields computed at answer time — {@code ageMs}, and {@code stale} once the price is
 * older than twice its tier's refresh interval.
 *
 * <p>Everything but those two fields is serialised once per price and kept: a response is then
 * three byte copies and a number, which is most of what makes a cached read cheap.
 */
@Singleton
public class PriceJson {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private final TierProperties tiers;
    private final Map<String, Parts> rendered = new ConcurrentHashMap<>();

    PriceJson(TierProperties tiers) {
        this.tiers = tiers;
    }

    public byte[] one(Price price, Tier currentTier, Instant now) {
        Parts parts = partsOf(price, currentTier);
        long ageMs = price.age(now).toMillis();
        byte[] age = Long.toString(ageMs).getBytes(StandardCharsets.US_ASCII);
        byte[] stale = ageMs > tiers.staleAfter(currentTier).toMillis() ? TRUE : FALSE;
        byte[] out = new byte[parts.head.length + age.length + parts.mid.length + stale.length + parts.tail.length];
        int at = 0;
        at = put(out, at, parts.head);
        at = put(out, at, age);
        at = put(out, at, parts.mid);
        at = put(out, at, stale);
        put(out, at, parts.tail);
        return out;
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

    private Parts partsOf(Price price, Tier tier) {
        Parts cached = rendered.get(price.symbol());
        if (cached != null && cached.price == price && cached.tier == tier) {
            return cached;
        }
        Parts fresh = render(price, tier);
        rendered.put(price.symbol(), fresh);
        return fresh;
    }

    /** The JSON split around the two per-request values: head + ageMs + mid + stale + tail. */
    private static Parts render(Price p, Tier tier) {
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream(160);
            try (JsonGenerator g = JSON.createGenerator(head)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT); // the object continues after "ageMs"
                g.writeStartObject();
                g.writeStringField("symbol", p.symbol());
                g.writeStringField("currency", p.currency());
                g.writeStringField("price", p.price().toPlainString());
                g.writeStringField("timestamp", p.timestamp().toString());
                g.writeFieldName("ageMs");
                g.flush();
            }
            ByteArrayOutputStream mid = new ByteArrayOutputStream(64);
            mid.writeBytes((",\"tier\":\"" + tier.label() + "\",\"status\":\"" + p.status().label() + "\",\"stale\":")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream tail = new ByteArrayOutputStream(400);
            tail.write(',');
            try (JsonGenerator g = JSON.createGenerator(tail)) {
                g.writeStartObject(); // a throwaway wrapper so the generator accepts field names; its braces are cut below
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
            byte[] wrapped = tail.toByteArray(); // ",{" + fields + "}"
            byte[] tailBytes = new byte[wrapped.length - 1];
            tailBytes[0] = ',';
            System.arraycopy(wrapped, 2, tailBytes, 1, wrapped.length - 2); // drop "{", keep the closing "}"
            byte[] headBytes = head.toByteArray();
            // the generator left the object open after "ageMs": append the colon it would have written
            byte[] headWithColon = new byte[headBytes.length + 1];
            System.arraycopy(headBytes, 0, headWithColon, 0, headBytes.length);
            headWithColon[headBytes.length] = ':';
            return new Parts(p, tier, headWithColon, mid.toByteArray(), tailBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int put(byte[] out, int at, byte[] part) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    private record Parts(Price price, Tier tier, byte[] head, byte[] mid, byte[] tail) {
    }
}
