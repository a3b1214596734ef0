package io.pricewire.core.price;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pricewire.core.exchange.ExchangeId;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code sources} or {@code rejected} array of a price in JSON, in either shape Pricewire has
 * stored: entries timed by {@code ts} (epoch ms, the {@link LegacyPriceJson} record) or by {@code
 * timestamp} (ISO-8601, the public answer a {@link WirePrice} holds). An entry of an exchange this
 * version does not know is skipped ({@link StoredFields}).
 */
final class QuoteEntries {
    private QuoteEntries() {}

    /** Reads the array the parser is on into {@code sources} ({@code isSource}) or {@code rejected}. */
    static void read(JsonParser p, List<SourcePrice> sources, List<RejectedQuote> rejected, boolean isSource)
            throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String exchange = null, price = null, reason = null;
            Instant at = Instant.EPOCH;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "exchange" -> exchange = p.getText();
                    case "price" -> price = p.getText();
                    case "ts" -> at = Instant.ofEpochMilli(p.getLongValue());
                    case "timestamp" -> at = instant(p.getText());
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
                sources.add(new SourcePrice(known.get(), StoredFields.decimal(price), at));
            } else {
                rejected.add(new RejectedQuote(known.get(), StoredFields.decimal(price), reason == null ? "" : reason));
            }
        }
    }

    static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("expected " + expected + " but found " + actual);
        }
    }

    private static Instant instant(String iso) {
        try {
            return Instant.parse(iso);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not an ISO-8601 instant", e);
        }
    }
}
