package io.pricewire.lambda.coldrefresh;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.lettuce.core.RedisURI;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.TierBoundaries;
import io.pricewire.core.asset.TierSettings;
import io.pricewire.core.elasticache.RedisDiscoverySettings;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.sim.ExchangeSim;
import io.pricewire.sim.SimConfig;
import io.pricewire.testkit.SharedServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real servers behind the tests (Redis and dynalite shared per JVM, one in-process exchange
 * simulator on ephemeral ports) and the Lambda-side inputs: the sample EventBridge event read by
 * the Lambda runtime's own deserialiser, and a {@link Context}.
 */
final class TestSupport {
    /** Ranks 1–200 are hot and medium with the default boundaries; everything after is cold. */
    static final int WARM_RANKS = TierBoundaries.DEFAULT.hotSize() + TierBoundaries.DEFAULT.mediumSize();

    private static ExchangeSim sim;

    private TestSupport() {}

    static synchronized ExchangeSim sim() {
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

    /** The shared Redis, on its own database number so test classes never see each other's keys. */
    static String redisUri(int database) {
        RedisURI uri = RedisURI.create(SharedServers.redisUri());
        uri.setDatabase(database);
        return uri.toURI().toString();
    }

    /** Settings pointing at the test servers, with a table name of its own. */
    static ColdRefreshConfig config(String redisUri) {
        Map<ExchangeId, URI> urls = new EnumMap<>(ExchangeId.class);
        for (ExchangeId e : ExchangeId.values()) {
            urls.put(e, sim().baseUri(e));
        }
        return new ColdRefreshConfig(
                "prices-cold-" + UUID.randomUUID(),
                "price_history-cold-" + UUID.randomUUID(),
                "us-east-1",
                SharedServers.dynamoEndpoint(),
                RedisDiscoverySettings.fixed(redisUri),
                urls,
                TierSettings.DEFAULT,
                ColdRefreshConfig.DEFAULT_BUDGET,
                ColdRefreshConfig.DEFAULT_BATCH_SIZE);
    }

    /** Core's universe cut after the first {@code coldAssets} cold ranks: same hot and medium tiers, a smaller cold one. */
    static AssetUniverse universeWithColdAssets(int coldAssets) {
        return new AssetUniverse(AssetUniverse.loadDefault().all().subList(0, WARM_RANKS + coldAssets));
    }

    /** {@code scheduled-event.json} as the Lambda Java runtime hands it to a {@code RequestHandler<ScheduledEvent, …>}. */
    static ScheduledEvent scheduledEvent() {
        PojoSerializer<ScheduledEvent> serializer =
                LambdaEventSerializers.serializerFor(ScheduledEvent.class, TestSupport.class.getClassLoader());
        try (InputStream json = TestSupport.class.getResourceAsStream("/scheduled-event.json")) {
            if (json == null) {
                throw new IllegalStateException("test resource scheduled-event.json missing");
            }
            return serializer.fromJson(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Lambda context with {@code remaining} left before the function's timeout. */
    static Context context(Duration remaining) {
        Instant deadline = Instant.now().plus(remaining);
        return new Context() {
            @Override
            public String getAwsRequestId() {
                return "test-" + UUID.randomUUID();
            }

            @Override
            public String getLogGroupName() {
                return "/aws/lambda/pricewire-cold-refresh";
            }

            @Override
            public String getLogStreamName() {
                return "test";
            }

            @Override
            public String getFunctionName() {
                return "pricewire-cold-refresh";
            }

            @Override
            public String getFunctionVersion() {
                return "$LATEST";
            }

            @Override
            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:us-east-1:123456789012:function:pricewire-cold-refresh";
            }

            @Override
            public CognitoIdentity getIdentity() {
                return null;
            }

            @Override
            public ClientContext getClientContext() {
                return null;
            }

            @Override
            public int getRemainingTimeInMillis() {
                return (int)
                        Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            }

            @Override
            public int getMemoryLimitInMB() {
                return 1024;
            }

            @Override
            public LambdaLogger getLogger() {
                return new LambdaLogger() {
                    @Override
                    public void log(String message) {
                        System.err.print(message);
                    }

                    @Override
                    public void log(byte[] message) {
                        System.err.print(new String(message, StandardCharsets.UTF_8));
                    }
                };
            }
        };
    }
}
