package io.pricewire.service.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;

/** What a service's meters have counted so far, so a test can wait for events (refresh cycles, cache lookups) to happen. */
public final class Meters {
    private Meters() {}

    /**
     * The sum of every counter's count and every timer's event count named {@code name} with the
     * given tags ({@code key, value, ...}); 0 before the first is registered.
     */
    public static double count(MeterRegistry registry, String name, String... tags) {
        Search search = registry.find(name).tags(tags);
        return search.counters().stream().mapToDouble(Counter::count).sum()
                + search.timers().stream().mapToLong(Timer::count).sum();
    }

    /** Finished refreshes of {@code tier} (cycles, misses, POST refreshes, warm-up): the refresh engine times each one. */
    public static double refreshes(MeterRegistry registry, String tier) {
        return count(registry, "pricewire.refresh.duration", "tier", tier);
    }
}
