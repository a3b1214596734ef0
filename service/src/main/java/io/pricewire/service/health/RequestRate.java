package io.pricewire.service.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests per second from the count of {@code http.server.requests} (Micronaut's and the fast path's), over about the
 * last {@value #WINDOW_MS} ms. Sampled when asked, not on a timer: an instance nobody watches does no work for it.
 * Created with the server ({@code @Context}), so the first sample is taken at start and the first answer has a rate.
 */
@Context
class RequestRate {
    static final long WINDOW_MS = 10_000;

    private final MeterRegistry registry;
    private final Clock clock;
    /**
     * Oldest first, at most one a second (so a dozen at most, however many ask): the first is the newest sample at
     * least {@link #WINDOW_MS} old, or the very first.
     */
    private final List<Sample> samples = new ArrayList<>();

    RequestRate(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        samples.add(new Sample(clock.millis(), total()));
    }

    synchronized double perSecond() {
        Sample now = new Sample(clock.millis(), total());
        while (samples.size() > 1 && now.millis - samples.get(1).millis >= WINDOW_MS) {
            samples.removeFirst();
        }
        Sample from = samples.getFirst();
        if (now.millis - samples.getLast().millis >= 1000) {
            samples.addLast(now);
        }
        long elapsed = now.millis - from.millis;
        return elapsed <= 0 ? 0 : Math.max(0, now.count - from.count) * 1000.0 / elapsed;
    }

    private long total() {
        long count = 0;
        for (Timer timer : registry.find("http.server.requests").timers()) {
            count += timer.count();
        }
        return count;
    }

    private record Sample(long millis, long count) {}
}
