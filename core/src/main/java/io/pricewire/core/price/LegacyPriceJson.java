package io.pricewire.core.price;

import static io.pricewire.core.price.QuoteEntries.expect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the form a price had in Redis and on the {@code prices} channel before {@link WirePrice}:
 * compact JSON, prices as plain decimal strings, times as epoch milliseconds.
 * <pre>{"symbol":"BTC","currency":"USD","price":"67187.33","ts":1767225600000,"tier":"hot","status":"ok",
 *  "sources":[{"exchange":"binance","price":"67190.01","ts":…}],"rejected":[{"exchange":"okx","price":"1.00","reason":"outlier"}]}</pre>
 * Such a value stays cached for at most the longest TTL (30 minutes) after the last instance of that
 * version stops writing, and such a message comes only from an instance of that version still running
 * during a rolling deploy; nothing writes it any more. {@code tier} is what {@link Price#refreshedAs} is now.
 */
final class LegacyPriceJson {
    private static final JsonFactory JSON = new JsonFactory();

    private LegacyPriceJson() {}

    /** Decodes a record of that form ({@link StoredFields}); throws {@link IllegalArgumentException} for anything else. */
    static Price decode(byte[] bytes) {
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
                    case "sources" -> QuoteEntries.read(p, sources, rejected, true);
                    case "rejected" -> QuoteEntries.read(p, sources, rejected, false);
                    default -> p.skipChildren();
                }
            }
            if (symbol == null || price == null || ts < 0 || tier == null || status == null) {
                throw new IllegalArgumentException("incomplete price record");
            }
            return new Price(
                    symbol,
                    currency,
                    StoredFields.decimal(price),
                    Instant.ofEpochMilli(ts),
                    StoredFields.tier(tier),
                    StoredFields.status(status),
                    sources,
                    rejected);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed price record: " + e.getMessage(), e);
        }
    }
}
