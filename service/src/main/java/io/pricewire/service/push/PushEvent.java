package io.pricewire.service.push;

import java.nio.charset.StandardCharsets;

/**
 * One Server-Sent Event as it goes on the wire, rendered once and written to every stream that takes it.
 *
 * @param symbol      the asset it is about, or {@code null} for events about the stream itself
 * @param millis      the price's timestamp (epoch ms), or 0
 * @param heardMillis when this instance heard the price published (epoch ms), or 0 for a snapshot's price, which
 *                    was published before the stream began
 * @param bytes       the event, ending in the blank line that dispatches it
 */
record PushEvent(String symbol, long millis, long heardMillis, byte[] bytes) {

    /** {@code event: price}, {@code id: SYMBOL:millis}, {@code data:} the JSON of {@code GET /v1/prices/{symbol}}. */
    static PushEvent price(String symbol, long millis, long heardMillis, byte[] json) {
        byte[] head = ("event: price\nid: " + symbol + ":" + millis + "\ndata: ").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + json.length + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(json, 0, bytes, head.length, json.length);
        bytes[bytes.length - 2] = '\n';
        bytes[bytes.length - 1] = '\n';
        return new PushEvent(symbol, millis, heardMillis, bytes);
    }

    /** An event about the stream itself: {@code event: <name>} with a one-line JSON {@code data:}. */
    static PushEvent control(String name, String json) {
        return new PushEvent(
                null, 0, 0, ("event: " + name + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A comment line: ignored by every client, it keeps proxies and the client's watchdog from timing out. */
    static final PushEvent HEARTBEAT = new PushEvent(null, 0, 0, ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII));
}
