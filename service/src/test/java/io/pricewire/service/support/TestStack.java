package io.pricewire.service.support;

import io.lettuce.core.RedisClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.sim.ExchangeSim;
import io.pricewire.sim.RateLimits;
import io.pricewire.sim.SimConfig;
import io.pricewire.testkit.SharedServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real servers behind the service in tests: Redis and dynalite (shared per JVM, see
 * {@link SharedServers}) and one in-process exchange simulator on ephemeral loopback ports.
 * Each test class gets its own table so "empty table" means empty.
 */
public final class TestStack {
    public static final String API_KEY = "test-key-0123456789";
    /** No tier tickers and no demand roll-up: nothing calls the exchanges or moves an asset's tier unless the test does. */
    public static final Map<String, String> QUIET =
            Map.of("pricewire.tiers.tickers", "false", "pricewire.demand.enabled", "false");
    /** Tiers stay put however often the test asks for an asset: polling one hard would otherwise earn it promotion. */
    public static final Map<String, String> FIXED_TIERS = Map.of("pricewire.demand.enabled", "false");
    /**
     * Hot and medium cycles every 2 s and 6 s, so a test sees several within seconds (1 s cycles also work on an idle
     * machine, but not reliably while the simulator, dynalite and the rest of the suite share two cores).
     */
    public static final Map<String, String> FAST_TIERS =
            Map.of("pricewire.tiers.hot-interval", "2s", "pricewire.tiers.medium-interval", "6s");

    /**
     * The exchanges' rate limits in tests: exchange-sim's and the service's both this many times the real ones. Each
     * test class starts on an empty table, and the warm-up that fills it would otherwise wait some 20 s on Coinbase's
     * 10 calls/s (one per product); the ratios between the lanes, tiers and the Lambda's share stay the real ones.
     * A test about the real budgets sets {@code pricewire.exchanges.rate-limit-scale} back to 1 against its own sim.
     */
    public static final int RATE_LIMIT_SCALE = 10;

    private static ExchangeSim sim;
    private static int nextDatabase;

    private TestStack() {}

    public static synchronized ExchangeSim sim() {
        if (sim == null) {
            try {
                sim = ExchangeSim.start(simConfig());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "stop-exchange-sim"));
        }
        return sim;
    }

    /** exchange-sim as the tests run it: ephemeral ports, rate limits {@link #RATE_LIMIT_SCALE} times the real ones. */
    public static SimConfig simConfig() {
        return SimConfig.defaults().withEphemeralPorts().withRateLimits(RateLimits.DEFAULT.times(RATE_LIMIT_SCALE));
    }

    /**
     * Service properties pointing at the test servers, with a fresh table and a freshly emptied
     * Redis database, so no test class sees another's prices; then each of {@code overrides} in
     * turn (e.g. {@link #QUIET}, or {@code Map.of("redis.uri", ...)}). The map is the caller's to change.
     */
    @SafeVarargs
    public static Map<String, String> properties(Map<String, String>... overrides) {
        ExchangeSim s = sim();
        Map<String, String> p = new HashMap<>();
        p.put("redis.uri", freshRedisDatabase());
        p.put("pricewire.dynamodb-endpoint", SharedServers.dynamoEndpoint().toString());
        p.put("pricewire.table", "prices-" + UUID.randomUUID());
        p.put("pricewire.history.table", "price_history-" + UUID.randomUUID());
        p.put("pricewire.create-table", "true");
        // every test class starts on an empty table, which in production means a first deployment; the
        // cold fill that follows (FirstDeploymentFillTest) would cost each class seconds and exchange calls
        p.put("pricewire.warm-up.fill-cold", "false");
        p.put("pricewire.api-key", API_KEY);
        p.put("pricewire.exchanges.rate-limit-scale", String.valueOf(RATE_LIMIT_SCALE));
        p.put("micronaut.server.port", "-1");
        // tests send bursts from one loopback address; the limit itself is tested on its own
        p.put("pricewire.rate-limit.enabled", "false");
        // the streams publish on their own between ticks: only the tests of the streams run them
        p.put("pricewire.streams.enabled", "false");
        // a graceful stop waits up to its grace period for the test's idle keep-alive connections to close: each
        // stopped stack would cost seconds; the tests of the graceful stop itself turn it back on
        p.put("micronaut.lifecycle.graceful-shutdown.enabled", "false");
        for (ExchangeId e : ExchangeId.values()) {
            p.put("pricewire.exchanges." + e.label(), s.baseUri(e).toString());
        }
        for (Map<String, String> o : overrides) {
            p.putAll(o);
        }
        return p;
    }

    /** Starts a service with {@code properties} (see {@link #properties}); the caller closes it. */
    public static EmbeddedServer start(Map<String, String> properties) {
        return ApplicationContext.run(EmbeddedServer.class, new HashMap<>(properties));
    }

    private static synchronized String freshRedisDatabase() {
        nextDatabase = nextDatabase % 15 + 1;
        String uri = SharedServers.redisUri() + "/" + nextDatabase;
        RedisClient client = RedisClient.create(uri);
        try (var connection = client.connect()) {
            connection.sync().flushdb();
        } finally {
            client.shutdown();
        }
        return uri;
    }

    public static AssetUniverse universe() {
        return AssetUniverse.loadDefault();
    }
}
