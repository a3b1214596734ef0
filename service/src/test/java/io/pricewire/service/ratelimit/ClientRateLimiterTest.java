package io.pricewire.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricewire.service.config.RateLimitProperties;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The limiter's own rules, on a fake clock: budget, refill, the bound on clients, and who a flood evicts. */
class ClientRateLimiterTest {
    private static final int MAX_CLIENTS = 10_000;
    private static final int FLOOD = 1_000_001;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ClientRateLimiter limiter = new ClientRateLimiter(
            new RateLimitProperties(true, 2, 4, 0, MAX_CLIENTS, 10, 1, Duration.ofSeconds(1)), registry, nanos::get);

    @Test
    void shouldRefuseBeyondTheBurstAndSayWhenTheNextTokenComes() {
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.take("ip:a")).isZero();
        }
        assertThat(limiter.take("ip:a")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(limiter.take("ip:b")).as("another client's own budget").isZero();

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(limiter.take("ip:a")).as("one token back after 1/rate").isZero();
        assertThat(limiter.take("ip:a")).isPositive();
    }

    @Test
    void shouldForgetAClientOnlyOnceItsBucketWouldBeFullAgain() {
        for (int i = 0; i < 5; i++) {
            limiter.take("ip:a");
        }
        nanos.addAndGet(ClientRateLimiter.refillTime(
                                new RateLimitProperties(true, 2, 4, 0, MAX_CLIENTS, 10, 1, Duration.ofSeconds(1)))
                        .toNanos()
                - 1);
        assertThat(limiter.tracks("ip:a")).as("still refilling: kept").isTrue();
        nanos.addAndGet(2);
        assertThat(limiter.trackedClients()).isZero();
    }

    @Test
    void shouldStayWithinMaxClientsWhenAMillionDistinctClientsPass() {
        IntStream.range(0, FLOOD).forEach(i -> limiter.take(address(i)));

        assertThat(limiter.trackedClients()).isLessThanOrEqualTo(MAX_CLIENTS);
        assertThat(registry.get("pricewire.ratelimit.clients").gauge().value()).isLessThanOrEqualTo(MAX_CLIENTS);
    }

    @Test
    void shouldKeepLimitingAnAbuserAndKeepRegularsWhenAFloodOfNewClientsPasses() {
        for (int i = 0; i < 50; i++) {
            limiter.take("ip:abuser");
        }
        assertThat(limiter.take("ip:abuser")).as("limited before the flood").isPositive();
        int regulars = MAX_CLIENTS / 2;
        for (int round = 0; round < 3; round++) {
            IntStream.range(0, regulars).forEach(i -> limiter.take("ip:regular-" + i));
        }

        // a million one-request clients, while the abuser goes on at a mere 0.1 % of the traffic; the clock
        // stands still, so nothing expires: what is kept is W-TinyLFU's choice alone (an abuser quiet for
        // a refill time has a full bucket again, and forgetting it would cost nothing)
        for (int i = 0; i < FLOOD; i++) {
            limiter.take(address(i));
            if (i % 1000 == 0) {
                assertThat(limiter.take("ip:abuser")).isPositive();
            }
        }

        assertThat(limiter.tracks("ip:abuser")).isTrue();
        assertThat(limiter.take("ip:abuser"))
                .as("still limited: the flood did not reset its bucket")
                .isPositive();
        long regularsKept = IntStream.range(0, regulars)
                .filter(i -> limiter.tracks("ip:regular-" + i))
                .count();
        long floodKept = IntStream.range(0, FLOOD)
                .filter(i -> limiter.tracks(address(i)))
                .count();
        assertThat(regularsKept).as("regulars still tracked").isGreaterThan(regulars * 9L / 10);
        long floodEvicted = FLOOD - floodKept;
        long regularsEvicted = regulars - regularsKept;
        assertThat(regularsEvicted)
                .as("of %d evictions, the flood's own", floodEvicted + regularsEvicted)
                .isLessThan(floodEvicted / 100);
        assertThat(limiter.trackedClients()).isLessThanOrEqualTo(MAX_CLIENTS);
    }

    static String address(int i) {
        return "ip:10." + (i >>> 16 & 0xff) + "." + (i >>> 8 & 0xff) + "." + (i & 0xff);
    }
}
