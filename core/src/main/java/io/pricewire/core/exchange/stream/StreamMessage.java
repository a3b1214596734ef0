package io.pricewire.core.exchange.stream;

import java.util.List;
import java.util.Objects;

/**
 * What one stream message means to Pricewire.
 *
 * @param kind   what it is
 * @param ticks  the ticker readings, non-empty exactly when {@code kind} is {@link Kind#TICKS}
 * @param detail for ERROR the exchange's message text, for RECONNECT why, for MALFORMED a short reason with an
 *               excerpt of the message; {@code null} otherwise
 */
public record StreamMessage(Kind kind, List<StreamTick> ticks, String detail) {

    public enum Kind {
        /** Ticker data; elements that fail to parse are dropped, and a message where none is left is MALFORMED. */
        TICKS,
        /** Coinbase {@code heartbeat}, Kraken {@code {"channel":"heartbeat"}}: the feed is alive. */
        HEARTBEAT,
        /** Subscribe/unsubscribe acks, the Kraken status banner with system online. */
        ACK,
        /** Kraken {@code pong}, OKX text {@code pong}. */
        PONG,
        /** An error message of the exchange (unknown symbol, bad request, …). */
        ERROR,
        /** The exchange says to reconnect: Binance serverShutdown, OKX notice 64008, Kraken system not online. */
        RECONNECT,
        /** Well-formed but of no interest. */
        IGNORED,
        /** Not JSON, or not the expected shape. */
        MALFORMED
    }

    private static final StreamMessage HEARTBEAT = new StreamMessage(Kind.HEARTBEAT, List.of(), null);
    private static final StreamMessage ACK = new StreamMessage(Kind.ACK, List.of(), null);
    private static final StreamMessage PONG = new StreamMessage(Kind.PONG, List.of(), null);
    private static final StreamMessage IGNORED = new StreamMessage(Kind.IGNORED, List.of(), null);

    public StreamMessage {
        Objects.requireNonNull(kind, "kind");
        ticks = ticks == null ? List.of() : List.copyOf(ticks);
        if ((kind == Kind.TICKS) == ticks.isEmpty()) {
            throw new IllegalArgumentException(kind + " with " + ticks.size() + " ticks");
        }
    }

    /** Ticker readings; MALFORMED ({@code whenNone}) when none could be read. */
    static StreamMessage ticks(List<StreamTick> ticks, String whenNone, String text) {
        return ticks.isEmpty() ? malformed(whenNone, text) : new StreamMessage(Kind.TICKS, ticks, null);
    }

    public static StreamMessage heartbeat() {
        return HEARTBEAT;
    }

    public static StreamMessage ack() {
        return ACK;
    }

    public static StreamMessage pong() {
        return PONG;
    }

    public static StreamMessage ignored() {
        return IGNORED;
    }

    public static StreamMessage error(String message) {
        return new StreamMessage(Kind.ERROR, List.of(), message);
    }

    public static StreamMessage reconnect(String why) {
        return new StreamMessage(Kind.RECONNECT, List.of(), why);
    }

    /** MALFORMED, saying {@code why} and quoting the start of {@code text} for the logs. */
    public static StreamMessage malformed(String why, String text) {
        return new StreamMessage(Kind.MALFORMED, List.of(), why + ": " + StreamJson.snippet(text));
    }
}
