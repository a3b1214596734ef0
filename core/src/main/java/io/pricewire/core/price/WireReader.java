package io.pricewire.core.price;

import static io.pricewire.core.price.QuoteEntries.expect;
import static io.pricewire.core.price.WirePrice.HEADER;
import static io.pricewire.core.price.WirePrice.ascii;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pricewire.core.asset.Tier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link WirePrice}: its header and the body's landmarks when it arrives (cheap: no JSON is
 * parsed), the whole {@link Price} only when asked. A value cut short or with offsets that do not
 * point where the runs of the body end is refused, so a reader never answers with broken JSON.
 */
final class WireReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] HEAD_START = ascii("{\"symbol\":\"");
    private static final byte[] HEAD_END = ascii(",\"ageMs\":");
    private static final byte[] STATUS_START = ascii(",\"status\":\"");
    private static final byte[] STATUS_END = ascii("\",\"stale\":");

    private WireReader() {}

    static WirePrice read(byte[] b) {
        if (b.length < HEADER + HEAD_START.length || !at(b, 0, WirePrice.MAGIC)) {
            throw new IllegalArgumentException("not a price of this format");
        }
        long millis = digits(b, WirePrice.TIMESTAMP_AT, WirePrice.TIMESTAMP_DIGITS);
        int headEnd = HEADER + (int) digits(b, WirePrice.HEAD_END_AT, WirePrice.OFFSET_DIGITS);
        int statusEnd = HEADER + (int) digits(b, WirePrice.STATUS_END_AT, WirePrice.OFFSET_DIGITS);
        if (b[WirePrice.TIER_AT - 1] != ' '
                || b[WirePrice.HEAD_END_AT - 1] != ' '
                || b[WirePrice.STATUS_END_AT - 1] != ' '
                || b[HEADER - 1] != '\n') {
            throw new IllegalArgumentException("malformed header");
        }
        boolean landmarks = statusEnd < b.length
                && headEnd < statusEnd
                && at(b, HEADER, HEAD_START)
                && at(b, headEnd - HEAD_END.length, HEAD_END)
                && at(b, headEnd, STATUS_START)
                && at(b, statusEnd - STATUS_END.length, STATUS_END)
                && b[statusEnd] == ','
                && b[b.length - 1] == '}';
        if (!landmarks) {
            throw new IllegalArgumentException("the body's runs are not where the header says");
        }
        return new WirePrice(b, symbol(b, headEnd), millis, tier(b[WirePrice.TIER_AT]), headEnd, statusEnd, null);
    }

    /** The whole price, from the body rendered as an answer (any age, tier and staleness: they are not read back). */
    static Price decode(WirePrice wire) {
        try (JsonParser p = JSON.createParser(wire.render(0, wire.refreshedAs(), false))) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            String currency = null, price = null, status = null, change = null;
            List<SourcePrice> sources = new ArrayList<>();
            List<RejectedQuote> rejected = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "currency" -> currency = p.getText();
                    case "price" -> price = p.getText();
                    case "status" -> status = p.getText();
                    case "change24h" -> change = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
                    case "sources" -> QuoteEntries.read(p, sources, rejected, true);
                    case "rejected" -> QuoteEntries.read(p, sources, rejected, false);
                    default -> p.skipChildren(); // symbol and timestamp come from the header; the rest is per answer
                }
            }
            if (currency == null || price == null || status == null) {
                throw new IllegalArgumentException("incomplete price");
            }
            return new Price(
                    wire.symbol(),
                    currency,
                    StoredFields.decimal(price),
                    Instant.ofEpochMilli(wire.millis()),
                    wire.refreshedAs(),
                    StoredFields.status(status),
                    sources,
                    rejected,
                    change == null ? null : StoredFields.signedDecimal(change));
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed price: " + e.getMessage(), e);
        }
    }

    /** The symbol between the quotes after {@code {"symbol":}: never escaped ({@link WireWriter}). */
    private static String symbol(byte[] b, int headEnd) {
        int start = HEADER + HEAD_START.length;
        for (int i = start; i < headEnd; i++) {
            if (b[i] == '"') {
                if (i == start) {
                    break;
                }
                return new String(b, start, i - start, StandardCharsets.UTF_8);
            }
            if (b[i] == '\\') {
                break;
            }
        }
        throw new IllegalArgumentException("no plain symbol");
    }

    /** The tier whose label starts with {@code initial}; an initial this version does not know is cold ({@link StoredFields}). */
    private static Tier tier(byte initial) {
        for (Tier t : Tier.values()) {
            if (t.label().charAt(0) == initial) {
                return t;
            }
        }
        return Tier.COLD;
    }

    private static long digits(byte[] b, int at, int width) {
        long value = 0;
        for (int i = at; i < at + width; i++) {
            if (b[i] < '0' || b[i] > '9') {
                throw new IllegalArgumentException("malformed header");
            }
            value = value * 10 + (b[i] - '0');
        }
        return value;
    }

    private static boolean at(byte[] b, int offset, byte[] expected) {
        if (offset < 0 || offset + expected.length > b.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (b[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
