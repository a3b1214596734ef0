package io.pricewire.service.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import io.pricewire.testkit.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis dies under open streams and comes back. While it is down the streams stay open, keep their heartbeats and
 * carry the prices their own instance refreshes; once it is back they carry every instance's again, on the same
 * connection: a client need not notice the outage.
 */
@TimingSensitive
class PushRedisOutageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void shouldKeepStreamsOpenThroughARedisOutageAndCarryPricesAgainAfterIt() throws Exception {
        try (RedisServer redis = RedisServer.startOnFreePort()) {
            Map<String, String> props =
                    new HashMap<>(TestStack.properties(TestStack.FAST_TIERS, Map.of("redis.uri", redis.uri())));
            props.put("pricewire.push.heartbeat", "1s");
            try (EmbeddedServer server = TestStack.start(props);
                    SseClient stream = SseClient.open(new Http(server.getURI())
                            .awaitReady()
                            .request("/v1/stream?symbols=BTC")
                            .header("Accept", "text/event-stream"))) {
                assertThat(stream.status()).isEqualTo(200);
                stream.next("subscribed", WAIT);
                Instant newest = timestamp(stream.next("price", WAIT));

                redis.stop();
                // without Redis the stream stays up, its heartbeats go on, and it still carries the prices this
                // instance refreshes itself (its tickers feed its own near cache while the lease is out of reach);
                // only other instances' prices, which come through Redis, are missing
                List<SseClient.Event> during = new ArrayList<>();
                long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < end && (count(during, true) < 2 || count(during, false) < 1)) {
                    SseClient.Event e = stream.poll(Duration.ofMillis(500)); // fails if the stream ended
                    if (e != null) {
                        during.add(e);
                    }
                }
                assertThat(count(during, true))
                        .as("heartbeats while Redis was down: %s", during)
                        .isGreaterThanOrEqualTo(2);
                assertThat(count(during, false))
                        .as("prices while Redis was down: %s", during)
                        .isGreaterThanOrEqualTo(1);
                for (SseClient.Event e : during) {
                    if ("price".equals(e.field("event"))) {
                        Instant t = timestamp(e);
                        assertThat(t).as("each price newer than the last").isAfter(newest);
                        newest = t;
                    }
                }

                redis.start();
                Instant restarted = Instant.now();
                // the same connection carries prices again: one newer than any seen so far, made after the restart
                // (a price's timestamp is its newest exchange quote's, up to a tick of exchange-sim older)
                long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                Instant after = null;
                while (after == null && System.nanoTime() < deadline) {
                    SseClient.Event e = stream.next(Duration.ofSeconds(40));
                    if ("price".equals(e.field("event"))
                            && timestamp(e).isAfter(newest)
                            && timestamp(e).isAfter(restarted.minusSeconds(1))) {
                        after = timestamp(e);
                    }
                }
                assertThat(after)
                        .as("a new price on the same stream after Redis returned")
                        .isNotNull();
            }
        }
    }

    /** Heartbeats (comments) or price events in {@code events}. */
    private static long count(List<SseClient.Event> events, boolean heartbeats) {
        return events.stream()
                .filter(e -> heartbeats ? e.isComment() : "price".equals(e.field("event")))
                .count();
    }

    private static Instant timestamp(SseClient.Event price) throws Exception {
        JsonNode data = JSON.readTree(price.field("data"));
        assertThat(data.path("symbol").asText()).isEqualTo("BTC");
        return Instant.parse(data.path("timestamp").asText());
    }
}
