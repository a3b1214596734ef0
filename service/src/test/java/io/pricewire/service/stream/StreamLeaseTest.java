package io.pricewire.service.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.core.cache.RedisKeys;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.service.support.Meters;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import io.pricewire.sim.ExchangeSim;
import io.pricewire.testkit.Await;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One ingester per fleet: two instances on one Redis, one runs the streams; when its lease is left to expire (the
 * holder died) another takes over within the 5 s the design allows, and a graceful stop hands over at once, closing
 * its own connections so the exchanges never see more than one per stream for long. A connection reaching its
 * maximum age is replaced before the exchange would cut it.
 */
@TimingSensitive
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamLeaseTest {
    private ExchangeSim sim;
    private Map<String, String> props;
    private RedisClient redisClient;
    private StatefulRedisConnection<String, String> redis;

    @BeforeAll
    void start() {
        sim = StreamStack.startSim();
        props = StreamStack.properties(sim, Map.of("pricewire.streams.max-connection-age", "4s"));
        redisClient = RedisClient.create(props.get("redis.uri"));
        redis = redisClient.connect();
    }

    @AfterAll
    void stop() {
        redis.close();
        redisClient.shutdown();
        sim.close();
    }

    @Test
    void shouldTakeOverWithinFiveSecondsWhenTheHolderStopsRenewingAndHandOverAtOnceOnAGracefulStop() {
        // a holder that died: its last renewal left the lease with (at most) one TTL to live
        redis.sync().set(RedisKeys.STREAM_LEASE, "an-instance-that-died", SetArgs.Builder.px(60_000));
        try (EmbeddedServer a = TestStack.start(props);
                EmbeddedServer b = TestStack.start(props)) {
            StreamIngester ingesterA = a.getApplicationContext().getBean(StreamIngester.class);
            StreamIngester ingesterB = b.getApplicationContext().getBean(StreamIngester.class);
            assertThat(ingesterA.isActive() || ingesterB.isActive()).isFalse();
            for (ExchangeId e : ExchangeId.values()) {
                assertThat(sim.streamConnections(e)).isZero();
            }

            redis.sync().pexpire(RedisKeys.STREAM_LEASE, 3_000);
            long died = System.nanoTime();
            Await.until(
                    "one instance took the lease over",
                    Duration.ofSeconds(5),
                    Duration.ofMillis(50),
                    () -> ingesterA.isActive() || ingesterB.isActive());
            Duration takeover = Duration.ofNanos(System.nanoTime() - died);
            System.out.printf(
                    "stream lease: taken over %d ms after the holder's last renewal (TTL 3 s)%n", takeover.toMillis());
            assertThat(takeover).isLessThanOrEqualTo(Duration.ofSeconds(5));
            assertThat(ingesterA.isActive() && ingesterB.isActive()).isFalse();

            EmbeddedServer holder = ingesterA.isActive() ? a : b;
            StreamIngester other = ingesterA.isActive() ? ingesterB : ingesterA;
            Await.until("the holder's four streams open", Duration.ofSeconds(10), this::oneConnectionPerExchange);

            long closed = System.nanoTime();
            holder.close();
            Await.until("the other instance took over", Duration.ofSeconds(3), Duration.ofMillis(50), other::isActive);
            System.out.printf(
                    "stream lease: handed over %d ms after the holder's graceful stop%n",
                    Duration.ofNanos(System.nanoTime() - closed).toMillis());
            Await.until(
                    "its four streams open, the old ones closed",
                    Duration.ofSeconds(10),
                    this::oneConnectionPerExchange);
        }
        Await.until("every stream closed with the fleet", Duration.ofSeconds(5), () -> {
            for (ExchangeId e : ExchangeId.values()) {
                if (sim.streamConnections(e) != 0) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void shouldReplaceAConnectionBeforeItsMaximumAge() {
        redis.sync().del(RedisKeys.STREAM_LEASE);
        try (EmbeddedServer server = TestStack.start(props)) {
            MeterRegistry registry = server.getApplicationContext().getBean(MeterRegistry.class);
            Await.until(
                    "an aged Coinbase connection replaced",
                    Duration.ofSeconds(15),
                    () -> Meters.count(
                                    registry,
                                    "pricewire.stream.reconnects",
                                    "exchange",
                                    "coinbase",
                                    "reason",
                                    "max_age")
                            > 0);
            Await.until(
                    "Coinbase contributing on its new connection",
                    Duration.ofSeconds(5),
                    () -> registry.find("pricewire.stream.contributing")
                                    .tag("exchange", "coinbase")
                                    .gauge()
                                    .value()
                            == 1);
            assertThat(Meters.count(
                            registry, "pricewire.stream.reconnects", "exchange", "coinbase", "reason", "silent"))
                    .isZero();
        }
    }

    private boolean oneConnectionPerExchange() {
        for (ExchangeId e : ExchangeId.values()) {
            if (sim.streamConnections(e) != 1) {
                return false;
            }
        }
        return true;
    }
}
