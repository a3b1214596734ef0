package io.pricewire.core.price;

import io.pricewire.core.asset.Tier;
import java.nio.charset.StandardCharsets;

/**
 * A price in the one form Pricewire stores and sends it: the value of {@code price:{SYMBOL}} in Redis,
 * the message on the {@code prices} channel (the same bytes), and what each instance's near cache
 * holds and answers from (docs/architecture.md §3). Whoever refreshes a price (the service or the cold
 * Lambda) writes these bytes once; readers keep them as they are. They are a fixed-width ASCII header
 * with what readers and the cache's Lua script need, then the public answer (docs/architecture.md §5)
 * without the three values that depend on the moment of answering:
 * <pre>
 * bytes  content
 * 0–3    "pw1 "        the format and its version (the JSON of the version before starts with "{")
 * 4–16   timestamp     13 digits, epoch ms, zero-padded: the Lua script compares it without decoding JSON
 * 17     ' '
 * 18     refreshed as  'h', 'm' or 'c': the initial of {@link Price#refreshedAs}
 * 19     ' '
 * 20–24  head end      5 digits: where in the body the head ends (just after "ageMs":)
 * 25     ' '
 * 26–30  status end    5 digits: where in the body the status part ends (just after "stale":)
 * 31     '\n'
 * 32–    body          {"symbol":"BTC","currency":"USD","price":"67187.33","timestamp":"2026-11-26T12:00:00.123Z","ageMs":
 *                      ,"status":"ok","stale":
 *                      ,"change24h":"-1.25",
 *                      "sources":[{"exchange":"binance","price":"67190.01","timestamp":"…"}],"rejected":[…]}
 *                      (change24h null when there is no history 24 hours back; absent in a value written before it existed)
 * </pre>
 * An answer is the head, the age, {@code ,"tier":"…"}, the status part, {@code true} or {@code false},
 * then the rest ({@link #render}). Prices are plain decimal strings, times ISO-8601 UTC with millisecond
 * precision, and the symbol is never escaped (the writer refuses one that would need it). Bytes 0–16
 * keep their meaning in every later version, so a script of this version still orders values a newer
 * one wrote.
 *
 * <p>The {@link Price} is decoded from the bytes only when something asks for it ({@link #price}), once.
 */
public final class WirePrice {
    /** Bytes before the body. */
    public static final int HEADER = 32;

    static final byte[] MAGIC = ascii("pw1 ");
    static final int TIMESTAMP_AT = 4;
    static final int TIMESTAMP_DIGITS = 13;
    static final int TIER_AT = 18;
    static final int HEAD_END_AT = 20;
    static final int STATUS_END_AT = 26;
    static final int OFFSET_DIGITS = 5;
    static final long MAX_MILLIS = 9_999_999_999_999L;

    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    /** {@code ,"tier":"<label>"} by tier ordinal: the one field that moves when demand re-tiers an asset. */
    private static final byte[][] TIER_FIELD = new byte[Tier.values().length][];

    static {
        for (Tier t : Tier.values()) {
            TIER_FIELD[t.ordinal()] = ascii(",\"tier\":\"" + t.label() + "\"");
        }
    }

    private final byte[] bytes;
    private final String symbol;
    private final long millis;
    private final Tier refreshedAs;
    private final int headEnd;
    private final int statusEnd;
    private volatile Price price;

    /** {@code headEnd} and {@code statusEnd} are offsets in {@code bytes} (the header's plus {@link #HEADER}). */
    WirePrice(byte[] bytes, String symbol, long millis, Tier refreshedAs, int headEnd, int statusEnd, Price price) {
        this.bytes = bytes;
        this.symbol = symbol;
        this.millis = millis;
        this.refreshedAs = refreshedAs;
        this.headEnd = headEnd;
        this.statusEnd = statusEnd;
        this.price = price;
    }

    /** Writes {@code price}; throws {@link IllegalArgumentException} for an empty symbol, one JSON escapes, a time before 1970. */
    public static WirePrice of(Price price) {
        return WireWriter.write(price);
    }

    /**
     * Reads a Redis value or channel message as it is, checking its header and the body's landmarks
     * but not decoding it. A value of the JSON form before ({@link LegacyPriceJson}, during a rolling
     * deploy) is decoded and written in this form. Throws {@link IllegalArgumentException} for anything else.
     */
    public static WirePrice read(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == '{') {
            return of(LegacyPriceJson.decode(bytes));
        }
        return WireReader.read(bytes);
    }

    /** The whole value, header and body, as stored and published. Not copied: never change it. */
    public byte[] bytes() {
        return bytes;
    }

    public String symbol() {
        return symbol;
    }

    /** The price's timestamp, epoch ms. */
    public long millis() {
        return millis;
    }

    public Tier refreshedAs() {
        return refreshedAs;
    }

    /**
     * The price: the one these bytes were written from, else decoded on the first call and kept.
     * Throws {@link IllegalArgumentException} when the body does not decode.
     */
    public Price price() {
        Price p = price;
        if (p == null) {
            synchronized (this) {
                p = price;
                if (p == null) {
                    p = WireReader.decode(this);
                    price = p;
                }
            }
        }
        return p;
    }

    /** Whether these bytes were written from, or already decoded into, this very object (no decoding). */
    public boolean encodes(Price candidate) {
        return price == candidate;
    }

    /** The public JSON answer: this price {@code ageMs} old, of an asset now in {@code tier}, {@code stale} or not. */
    public byte[] render(long ageMs, Tier tier, boolean stale) {
        byte[] age = ascii(Long.toString(ageMs));
        byte[] tierField = TIER_FIELD[tier.ordinal()];
        byte[] staleValue = stale ? TRUE : FALSE;
        byte[] out = new byte[bytes.length - HEADER + age.length + tierField.length + staleValue.length];
        int at = copy(HEADER, headEnd, out, 0);
        at = put(age, out, at);
        at = put(tierField, out, at);
        at = copy(headEnd, statusEnd, out, at);
        at = put(staleValue, out, at);
        copy(statusEnd, bytes.length, out, at);
        return out;
    }

    private int copy(int from, int to, byte[] out, int at) {
        System.arraycopy(bytes, from, out, at, to - from);
        return at + to - from;
    }

    private static int put(byte[] part, byte[] out, int at) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
