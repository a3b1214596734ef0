package io.pricewire.core.price;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pricewire.core.exchange.ExchangeId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored form of a {@link Price} in Redis and on the {@code prices} channel: compact JSON,
 * prices as plain decimal strings, times as epoch milliseconds. Streaming Jackson: no reflection.
 * <pre>{"symbol":"BTC","currency":"USD","price":"67187.33","ts":1767225600000,"tier":"hot","status":"ok",
 *  "sources":[{"exchange":"binance","price":"67190.01","ts":…}],"rejected":[{"exchange":"okx","price":"1.00","reason":"outlier"}]}</pre>
 */
public final class PriceCodec {
    private static final JsonFactory JSON = new JsonFactory();

    public byte[] encode(Price p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("symbol", p.symbol());
            g.writeStringField("currency", p.currency());
            g.writeStringField("price", p.price().toPlainString());
            g.writeNumberField("ts", p.timestamp().toEpochMilli());
            g.writeStringField("tier", p.refreshedAs().label());
            g.writeStringField("status", p.status().label());
            g.writeArrayFieldStart("sources");
            for (SourcePrice s : p.sources()) {
                g.writeStartObject();
                g.writeStringField("exchange", s.exchange().label());
                g.writeStringField("price", s.price().toPlainString());
                g.writeNumberField("ts", s.timestamp().toEpochMilli());
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes what {@link #encode} wrote, by this or another version ({@link StoredFields}); throws
     * {@link IllegalArgumentException} for anything else.
     */
    public Price decode(byte[] bytes) {
        try (JsonParser p = JSON.createParser(bytes)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            String symbol = null, currency = "USD", price = null, tier = null, status = null;
            long ts = -1;
            List<SourcePrice> sources = new ArrayList<>();
            List<RejectedQuote> rejected = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "symbol" -> symbol = p.getText();
                    case "currency" -> currency = p.getText();
                    case "price" -> price = p.getText();
                    case "ts" -> ts = p.getLongValue();
                    case "tier" -> tier = p.getText();
                    case "status" -> status = p.getText();
                    case "sources" -> readEntries(p, sources, rejected, true);
                    case "rejected" -> readEntries(p, sources, rejected, false);
                    default -> p.skipChildren();
                }
            }
            if (symbol == null || price == null || ts < 0 || tier == null || status == null) {
                throw new IllegalArgumentException("incomplete price record");
            }
            return new Price(symbol, currency, StoredFields.decimal(price), Instant.ofEpochMilli(ts), StoredFields.tier(tier),
                    StoredFields.status(status), sources, rejected);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed price record: " + e.getMessage(), e);
        }
    }

    private static void readEntries(JsonParser p, List<SourcePrice> sources, List<RejectedQuote> rejected, boolean isSource)
            throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String exchange = null, price = null, reason = null;
            long ts = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "exchange" -> exchange = p.getText();
                    case "price" -> price = p.getText();
                    case "ts" -> ts = p.getLongValue();
                    case "reason" -> reason = p.getText();
                    default -> p.skipChildren();
                }
            }
            if (exchange == null || price == null) {
                throw new IllegalArgumentException("incomplete source entry");
            }
            Optional<ExchangeId> known = StoredFields.exchange(exchange);
            if (known.isEmpty()) {
                continue; // written by a newer version that has one more exchange
            }
            if (isSource) {
                sources.add(new SourcePrice(known.get(), StoredFields.decimal(price), Instant.ofEpochMilli(ts)));
            } else {
                rejected.add(new RejectedQuote(known.get(), StoredFields.decimal(price), reason == null ? "" : reason));
            }
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("expected " + expected + " but found " + actual);
        }
    }
}
