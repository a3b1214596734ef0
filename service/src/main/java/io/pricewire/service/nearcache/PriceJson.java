package io.pricewire.service.nearcache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pricewire.core.asset.Asset;
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

/**
 * The public JSON of a price (docs/architecture.md §5): decimal strings, ISO-8601 UTC times, and the
 * freshness fields computed at answer time — {@code ageMs}, and {@code stale} once the price is
 * older than twice its tier's refresh interval — plus the asset's current tier.
 *
 * <p>Everything but those three fields is serialised once per price, when the near cache takes
 * it ({@link #prepare}), and kept with it ({@link ReadyPrice}): a response is then a few byte
 * copies and a number, which is most of what makes a cached read cheap.
 */
@Singleton
public class PriceJson {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    /** {@code ,"tier":"<label>"} by tier ordinal: the one field that moves when demand re-tiers an asset. */
    private static final byte[][] TIER_FIELD = new byte[Tier.values().length][];

    static {
        for (Tier t : Tier.values()) {
            TIER_FIELD[t.ordinal()] = (",\"tier\":\"" + t.label() + "\"").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final long[] staleAfterMs = new long[Tier.values().length];
    private final NearCache near;

    PriceJson(TierProperties tiers, NearCache near) {
        this.near = near;
        for (Tier t : Tier.values()) {
            staleAfterMs[t.ordinal()] = tiers.staleAfter(t).toMillis();
        }
    }

    /** The body for {@code price}, reusing the near cache's bytes when it holds this very price. */
    public byte[] one(Price price, Tier currentTier, Instant now) {
        ReadyPrice ready = near.ready(price.symbol());
        if (ready == null || ready.price() != price) {
            ready = prepare(null, price);
        }
        return body(ready, currentTier, now.toEpochMilli());
    }

    /** The body of {@code ready} answered at {@code nowMs} for an asset now in {@code currentTier}. */
    public byte[] body(ReadyPrice ready, Tier currentTier, long nowMs) {
        byte[] json = ready.json();
        int head = ready.headEnd();
        int status = ready.statusEnd();
        long ageMs = Math.max(0, nowMs - ready.millis());
        byte[] age = Long.toString(ageMs).getBytes(StandardCharsets.US_ASCII);
        byte[] tier = TIER_FIELD[currentTier.ordinal()];
        byte[] stale = ageMs > staleAfterMs[currentTier.ordinal()] ? TRUE : FALSE;
        byte[] out = new byte[json.length + age.length + tier.length + stale.length];
        System.arraycopy(json, 0, out, 0, head);
        int at = head;
        at = put(out, at, age);
        at = put(out, at, tier);
        System.arraycopy(json, head, out, at, status - head);
        at += status - head;
        at = put(out, at, stale);
        System.arraycopy(json, status, out, at, json.length - status);
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

    /**
     * Serialises the fixed part of {@code p}'s body, split around the per-request values: head
     * (through {@code "ageMs":}) + age + tier field + status part (through {@code "stale":}) +
     * true/false + tail.
     */
    static ReadyPrice prepare(Asset asset, Price p) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(600);
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT); // the object continues after "ageMs"
                g.writeStartObject();
                g.writeStringField("symbol", p.symbol());
                g.writeStringField("currency", p.currency());
                g.writeStringField("price", p.price().toPlainString());
                g.writeStringField("timestamp", p.timestamp().toString());
                g.writeFieldName("ageMs");
                g.flush();
            }
            out.write(':'); // the generator left the object open after "ageMs": the colon it would have written
            int headEnd = out.size();
            out.writeBytes((",\"status\":\"" + p.status().label() + "\",\"stale\":").getBytes(StandardCharsets.US_ASCII));
            int statusEnd = out.size();
            ByteArrayOutputStream tail = new ByteArrayOutputStream(400);
            try (JsonGenerator g = JSON.createGenerator(tail)) {
                g.writeStartObject(); // a throwaway wrapper so the generator accepts field names; its "{" is cut below
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
            byte[] wrapped = tail.toByteArray(); // "{" + fields + "}"
            out.write(',');
            out.write(wrapped, 1, wrapped.length - 1); // keep the closing "}": it closes the price object
            return new ReadyPrice(asset, p, p.timestamp().toEpochMilli(), out.toByteArray(), headEnd, statusEnd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int put(byte[] out, int at, byte[] part) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }
}
