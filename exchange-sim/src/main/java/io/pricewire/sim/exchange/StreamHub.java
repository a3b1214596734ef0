package io.pricewire.sim.exchange;

import io.pricewire.sim.market.PriceView;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The open stream connections of one exchange, and what they were sent: fans each market tick out to them. */
final class StreamHub {
    private final Set<WsSession> sessions = ConcurrentHashMap.newKeySet();
    private final LongAdder messages = new LongAdder();

    void add(WsSession session) {
        sessions.add(session);
    }

    void remove(WsSession session) {
        sessions.remove(session);
    }

    /** Hands the tick to every connection's own event loop: publishing never blocks the market's ticker. */
    void publish(PriceView view, long number) {
        if (sessions.isEmpty()) {
            return;
        }
        Tick tick = new Tick(view, number);
        for (WsSession s : sessions) {
            s.eventLoop().execute(() -> s.tick(tick));
        }
    }

    void sent() {
        messages.increment();
    }

    int open() {
        return sessions.size();
    }

    long messages() {
        return messages.sum();
    }

    void resetCounts() {
        messages.reset();
    }
}
