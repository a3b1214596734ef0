package io.pricewire.sim;

import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.exchange.ExchangeId;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to start an {@link ExchangeSim}. Start from {@link #defaults()} and adjust with the {@code with…}
 * methods; a port of 0 means "any free port" (see {@link ExchangeSim#baseUri}).
 *
 * @param universe          the assets to list; each exchange lists exactly what the universe says
 * @param seed              seeds the price walk and every per-exchange deviation: same seed, same prices
 * @param controlPort       port of the control API (default 9100)
 * @param ports             port of each exchange (default 9101 binance, 9102 coinbase, 9103 kraken, 9104 okx)
 * @param enforceRateLimits false = count weight and report headers but never answer with a rate-limit error
 * @param clock             source of quote timestamps and of rate-limit time
 * @param rateLimits        the limits enforced when {@code enforceRateLimits}
 * @param tickInterval      how often the hidden prices take a random-walk step; zero = never (prices frozen);
 *                          the streams publish on every step
 * @param streams           keep-alive periods and per-connection limits of the WebSocket streams
 */
public record SimConfig(
        AssetUniverse universe,
        long seed,
        int controlPort,
        Map<ExchangeId, Integer> ports,
        boolean enforceRateLimits,
        Clock clock,
        RateLimits rateLimits,
        Duration tickInterval,
        StreamSettings streams) {

    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_CONTROL_PORT = 9100;
    public static final Duration DEFAULT_TICK = Duration.ofMillis(500);

    public SimConfig {
        Objects.requireNonNull(universe, "universe");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(tickInterval, "tickInterval");
        Objects.requireNonNull(streams, "streams");
        checkPort("control", controlPort);
        Map<ExchangeId, Integer> copy = new EnumMap<>(ExchangeId.class);
        for (ExchangeId e : ExchangeId.values()) {
            Integer port = ports.get(e);
            if (port == null) {
                throw new IllegalArgumentException("no port configured for " + e.label());
            }
            checkPort(e.label(), port);
            copy.put(e, port);
        }
        ports = Map.copyOf(copy);
        if (tickInterval.isNegative()) {
            throw new IllegalArgumentException("tickInterval must be >= 0: " + tickInterval);
        }
    }

    /** The constructor with the documented default rate limits, tick interval and stream settings. */
    public SimConfig(
            AssetUniverse universe,
            long seed,
            int controlPort,
            Map<ExchangeId, Integer> ports,
            boolean enforceRateLimits,
            Clock clock) {
        this(universe, seed, controlPort, ports, enforceRateLimits, clock, RateLimits.DEFAULT, DEFAULT_TICK);
    }

    /** The constructor from before the streams, with the documented stream settings. */
    public SimConfig(
            AssetUniverse universe,
            long seed,
            int controlPort,
            Map<ExchangeId, Integer> ports,
            boolean enforceRateLimits,
            Clock clock,
            RateLimits rateLimits,
            Duration tickInterval) {
        this(
                universe,
                seed,
                controlPort,
                ports,
                enforceRateLimits,
                clock,
                rateLimits,
                tickInterval,
                StreamSettings.DEFAULT);
    }

    /** The core universe, seed 42, ports 9100–9104, real rate limits, the system UTC clock, 500 ms ticks. */
    public static SimConfig defaults() {
        return new SimConfig(
                AssetUniverse.loadDefault(),
                DEFAULT_SEED,
                DEFAULT_CONTROL_PORT,
                defaultPorts(),
                true,
                Clock.systemUTC());
    }

    /** 9101 binance, 9102 coinbase, 9103 kraken, 9104 okx (docs/architecture.md §10). */
    public static Map<ExchangeId, Integer> defaultPorts() {
        return Map.of(
                ExchangeId.BINANCE, 9101, ExchangeId.COINBASE, 9102, ExchangeId.KRAKEN, 9103, ExchangeId.OKX, 9104);
    }

    public int port(ExchangeId exchange) {
        return ports.get(exchange);
    }

    /** Every server (control and exchanges) on a free port chosen at start: what tests want. */
    public SimConfig withEphemeralPorts() {
        Map<ExchangeId, Integer> zero = new EnumMap<>(ExchangeId.class);
        for (ExchangeId e : ExchangeId.values()) {
            zero.put(e, 0);
        }
        return new SimConfig(universe, seed, 0, zero, enforceRateLimits, clock, rateLimits, tickInterval, streams);
    }

    public SimConfig withUniverse(AssetUniverse newUniverse) {
        return new SimConfig(
                newUniverse, seed, controlPort, ports, enforceRateLimits, clock, rateLimits, tickInterval, streams);
    }

    public SimConfig withSeed(long newSeed) {
        return new SimConfig(
                universe, newSeed, controlPort, ports, enforceRateLimits, clock, rateLimits, tickInterval, streams);
    }

    public SimConfig withControlPort(int port) {
        return new SimConfig(universe, seed, port, ports, enforceRateLimits, clock, rateLimits, tickInterval, streams);
    }

    public SimConfig withPort(ExchangeId exchange, int port) {
        Map<ExchangeId, Integer> changed = new EnumMap<>(ports);
        changed.put(exchange, port);
        return new SimConfig(
                universe, seed, controlPort, changed, enforceRateLimits, clock, rateLimits, tickInterval, streams);
    }

    public SimConfig withRateLimitsEnforced(boolean enforce) {
        return new SimConfig(universe, seed, controlPort, ports, enforce, clock, rateLimits, tickInterval, streams);
    }

    public SimConfig withRateLimits(RateLimits limits) {
        return new SimConfig(
                universe, seed, controlPort, ports, enforceRateLimits, clock, limits, tickInterval, streams);
    }

    public SimConfig withClock(Clock newClock) {
        return new SimConfig(
                universe, seed, controlPort, ports, enforceRateLimits, newClock, rateLimits, tickInterval, streams);
    }

    public SimConfig withTickInterval(Duration interval) {
        return new SimConfig(
                universe, seed, controlPort, ports, enforceRateLimits, clock, rateLimits, interval, streams);
    }

    public SimConfig withStreams(StreamSettings settings) {
        return new SimConfig(
                universe, seed, controlPort, ports, enforceRateLimits, clock, rateLimits, tickInterval, settings);
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(what + " port must be 0..65535: " + port);
        }
    }
}
