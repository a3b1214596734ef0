package io.pricewire.sim;

import java.time.Clock;
import java.time.Duration;

/** The simulator set-up most tests start from, so each test names only what it changes. */
public final class SteppedSim {
    private SteppedSim() {}

    /**
     * On ephemeral ports, reading time from {@code clock}, its market moved only by {@link ExchangeSim#tick()}: no
     * background ticker, so what a test reads is what the last step it made produced.
     */
    public static SimConfig at(Clock clock) {
        return SimConfig.defaults().withEphemeralPorts().withClock(clock).withTickInterval(Duration.ZERO);
    }
}
