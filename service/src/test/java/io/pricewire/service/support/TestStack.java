package io.pricewire.service.support;

import io.lettuce.core.RedisClient;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.sim.ExchangeSim;
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
    private static ExchangeSim sim;
    private static int nextDatabase;

    private TestStack() {
    }

    public static synchronized ExchangeSim sim() {
        if (sim == null) {
            try {
                sim = ExchangeSim.start(SimConfig.defaults().withEphemeralPorts());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "stop-exchange-sim"));
        }
        return sim;
    }

    /**
     * Service properties pointing at the test servers, with a fresh table and a freshly emptied
     * Redis database, so no test class sees another's prices.
     */
    public static Map<String, String> properties() {
        ExchangeSim s = sim();
        Map<String, String> p = new HashMap<>();
        p.put("redis.uri", freshRedisDatabase());
        p.put("pricewire.dynamodb-endpoint", SharedServers.dynamoEndpoint().toString());
        p.put("pricewire.table", "prices-" + UUID.randomUUID());
        p.put("pricewire.create-table", "true");
        // every test class starts on an empty table, which in production means a first deployment; the
        // cold fill that follows (FirstDeploymentFillTest) would cost each class seconds and exchange calls
        p.put("pricewire.warm-up.fill-cold", "false");
        p.put("pricewire.api-key", API_KEY);
        p.put("micronaut.server.port", "-1");
        // tests send bursts from one loopback address; the limit itself is tested on its own
        p.put("pricewire.rate-limit.enabled", "false");
        for (ExchangeId e : ExchangeId.values()) {
            p.put("pricewire.exchanges." + e.label(), s.baseUri(e).toString());
        }
        return p;
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
