package io.pricewire.service.push;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One open stream: its connection, what it asked for, and what is waiting to be written. The waiting events are
 * conflated to the latest per symbol, so a stream holds at most one event per symbol whatever the client does: a
 * client that reads slowly misses intermediate prices, never the latest one.
 */
final class Subscriber {
    final Channel channel;
    final String client;
    /**
     * The symbols streamed: fixed for a list; for a {@code tier=hot} stream the hot tier, replaced on the stream's loop
     * when the tier changes (read by the sweeper for demand, hence volatile).
     */
    volatile List<String> symbols;
    /** A {@code tier=hot} stream: it follows the hot tier as demand changes it. */
    final boolean followsHotTier;
    /** Where the stream waits for its loop's next flush: its loop's, looked up once. */
    final PushHub.LoopQueue queue;
    /**
     * The HTTP codec's context: a write through it goes to the socket without passing the HTTP encoder, for the
     * events' chunks, which the hub frames itself.
     */
    final ChannelHandlerContext codec;

    final long openedNanos = System.nanoTime();

    private final Map<String, PushEvent> pending = new HashMap<>(4);
    /** When the connection stopped taking writes (0 while it takes them); read by the sweeper. */
    volatile long unwritableSinceNanos;

    volatile long lastWriteNanos = openedNanos;
    volatile boolean closing;

    Subscriber(
            Channel channel,
            String client,
            List<String> symbols,
            boolean followsHotTier,
            PushHub.LoopQueue queue,
            ChannelHandlerContext codec) {
        this.channel = channel;
        this.codec = codec;
        this.queue = queue;
        this.client = client;
        this.symbols = List.copyOf(symbols);
        this.followsHotTier = followsHotTier;
    }

    /** What {@link #offer} did. */
    enum Offered {
        /** The first waiting event: the stream needs a flush. */
        DIRTY,
        /** Added beside others that wait: a flush is already due. */
        ADDED,
        /** It replaced an unsent older price of the same symbol. */
        CONFLATED,
        /** An as new or newer price of the symbol already waits. */
        OLDER
    }

    synchronized Offered offer(PushEvent event) {
        PushEvent waiting = pending.get(event.symbol());
        if (waiting != null && waiting.millis() >= event.millis()) {
            return Offered.OLDER;
        }
        boolean wasEmpty = pending.isEmpty();
        pending.put(event.symbol(), event);
        return waiting != null ? Offered.CONFLATED : wasEmpty ? Offered.DIRTY : Offered.ADDED;
    }

    /** Everything waiting, now taken for writing. */
    synchronized List<PushEvent> drain() {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<PushEvent> events = new ArrayList<>(pending.values());
        pending.clear();
        return events;
    }
}
