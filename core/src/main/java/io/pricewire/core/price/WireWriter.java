package io.pricewire.core.price;

import static io.pricewire.core.price.WirePrice.HEADER;
import static io.pricewire.core.price.WirePrice.ascii;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes a {@link Price} as a {@link WirePrice}: the body with streaming Jackson (no reflection), then the header before it. */
final class WireWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private WireWriter() {}

    static WirePrice write(Price p) {
        requirePlain(p.symbol());
        long millis = p.timestamp().toEpochMilli();
        if (millis < 0 || millis > WirePrice.MAX_MILLIS) {
            throw new IllegalArgumentException("a timestamp outside the header's 13 digits: " + p.timestamp());
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + 600);
            out.writeBytes(new byte[HEADER]); // filled in once the offsets are known
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
            out.writeBytes(ascii(",\"status\":\"" + p.status().label() + "\",\"stale\":"));
            int statusEnd = out.size();
            out.write(',');
            writeTail(p, out);
            byte[] bytes = out.toByteArray();
            writeHeader(bytes, millis, p, headEnd - HEADER, statusEnd - HEADER);
            return new WirePrice(bytes, p.symbol(), millis, p.refreshedAs(), headEnd, statusEnd, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code "change24h":…,"sources":[…],"rejected":[…]}} — closing the price object. */
    private static void writeTail(Price p, ByteArrayOutputStream out) throws IOException {
        ByteArrayOutputStream tail = new ByteArrayOutputStream(400);
        try (JsonGenerator g = JSON.createGenerator(tail)) {
            g.writeStartObject(); // a throwaway wrapper so the generator accepts field names; its "{" is cut below
            if (p.change24h() == null) {
                g.writeNullField("change24h");
            } else {
                g.writeStringField("change24h", p.change24h().toPlainString());
            }
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
        out.write(wrapped, 1, wrapped.length - 1); // keep the closing "}": it closes the price object
    }

    private static void writeHeader(byte[] bytes, long millis, Price p, int headEnd, int statusEnd) {
        System.arraycopy(WirePrice.MAGIC, 0, bytes, 0, WirePrice.MAGIC.length);
        digits(bytes, WirePrice.TIMESTAMP_AT, WirePrice.TIMESTAMP_DIGITS, millis);
        bytes[WirePrice.TIER_AT - 1] = ' ';
        bytes[WirePrice.TIER_AT] = (byte) p.refreshedAs().label().charAt(0);
        bytes[WirePrice.HEAD_END_AT - 1] = ' ';
        digits(bytes, WirePrice.HEAD_END_AT, WirePrice.OFFSET_DIGITS, headEnd);
        bytes[WirePrice.STATUS_END_AT - 1] = ' ';
        digits(bytes, WirePrice.STATUS_END_AT, WirePrice.OFFSET_DIGITS, statusEnd);
        bytes[HEADER - 1] = '\n';
    }

    /** {@code value} as {@code width} zero-padded ASCII digits at {@code at}. */
    private static void digits(byte[] bytes, int at, int width, long value) {
        long rest = value;
        for (int i = at + width - 1; i >= at; i--) {
            bytes[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        if (rest != 0) {
            throw new IllegalArgumentException(value + " does not fit in " + width + " digits");
        }
    }

    /** Readers take the symbol from between its quotes as it is: an empty one, or one JSON would escape, cannot be written. */
    private static void requirePlain(String symbol) {
        if (symbol.isEmpty()) {
            throw new IllegalArgumentException("an empty symbol");
        }
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                throw new IllegalArgumentException(
                        "a symbol JSON would escape: " + symbol.replaceAll("\\p{Cntrl}", "?"));
            }
        }
    }
}
