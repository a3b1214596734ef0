package io.pricewire.sim;

import io.pricewire.testkit.MutableClock;
import java.io.IOException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test against a {@link SteppedSim} started before each test and closed after it, with a client for its HTTP
 * endpoints: the set-up the endpoint, control and fault tests share.
 */
public abstract class SteppedSimTest {
    protected final MutableClock clock;
    protected final SimClient client = new SimClient();
    /** The running simulator; a test may close it and start another in its place. */
    protected ExchangeSim sim;

    private final UnaryOperator<SimConfig> config;

    /**
     * @param instant the clock's start, as {@link MutableClock#at} reads it
     * @param config  what the test changes in the stepped set-up
     */
    protected SteppedSimTest(String instant, UnaryOperator<SimConfig> config) {
        this.clock = MutableClock.at(instant);
        this.config = config;
    }

    @BeforeEach
    protected void startSim() throws IOException {
        sim = ExchangeSim.start(config.apply(SteppedSim.at(clock)));
    }

    @AfterEach
    protected void stopSim() {
        sim.close();
        client.close();
    }
}
