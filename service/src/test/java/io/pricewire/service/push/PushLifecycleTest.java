package io.pricewire.service.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.cache.PriceCache;
import io.pricewire.core.price.Price;
import io.pricewire.service.nearcache.NearCache;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.Meters;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.tiers.TierDirectory;
import io.pricewire.testkit.Await;
import io.pricewire.testkit.NpmPackages;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * How a stream ends: a client that stops reading is cut off after the slow-consumer limit, with its memory bounded
 * meanwhile (conflation); a graceful shutdown tells every client to reconnect; and a real EventSource client (npm
 * {@code eventsource}) reconnects after a stream's maximum duration and gets the snapshot first again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PushLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NODE_CLIENT = Path.of("src/test/node").toAbsolutePath();

    /** One service for the slow consumer and the shutdown, which ends it; the reconnect test has its own. */
    private EmbeddedServer server;

    @BeforeAll
    void start() {
        Map<String, String> props = new HashMap<>(TestStack.properties(TestStack.QUIET));
        props.put("pricewire.push.slow-consumer-after", "2s");
        // as deployed (application.yml): the shutdown test below stops the context the way SIGTERM does
        props.put("micronaut.lifecycle.graceful-shutdown.enabled", "true");
        server = TestStack.start(props);
        new Http(server.getURI()).awaitReady();
    }

    @AfterAll
    void stop() {
        if (server.getApplicationContext().isRunning()) {
            server.getApplicationContext().close();
        }
    }

    @Test
    @Order(1)
    void shouldCutOffAClientThatStopsReadingAfterTheSlowConsumerLimit() throws Exception {
        List<Price> hot = server.getApplicationContext().getBean(TierDirectory.class).members(Tier.HOT).stream()
                .map(Asset::symbol)
                .map(s ->
                        server.getApplicationContext().getBean(NearCache.class).get(s))
                .flatMap(java.util.Optional::stream)
                .toList();
        MeterRegistry registry = server.getApplicationContext().getBean(MeterRegistry.class);
        PriceCache cache = server.getApplicationContext().getBean(PriceCache.class);

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096); // a client that reads nothing fills this at once
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.getPort()));
            String symbols = String.join(",", hot.stream().map(Price::symbol).toList());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/stream?symbols=" + symbols + " HTTP/1.1\r\nHost: localhost\r\n"
                            + "Accept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            // new prices as fast as Redis takes them, until the server gives up on the client
            long shift = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Meters.count(registry, "pricewire.sse.disconnects", "reason", "slow_consumer") == 0) {
                assertThat(System.nanoTime()).as("cut off within 60 s").isLessThan(deadline);
                shift++;
                List<java.util.concurrent.CompletableFuture<Boolean>> writes = new ArrayList<>();
                for (Price p : hot) {
                    writes.add(cache.putIfNewer(later(p, shift), Duration.ofMinutes(5))
                            .toCompletableFuture());
                }
                for (var w : writes) {
                    w.get(5, TimeUnit.SECONDS);
                }
            }
            assertThat(Meters.count(registry, "pricewire.sse.events.conflated")).isPositive();

            // the connection ends: reading what the kernel still holds reaches the end of the stream
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            while (in.read(buffer) >= 0) {
                // drained
            }
            PushHub hub = server.getApplicationContext().getBean(PushHub.class);
            Await.until("the stream closed", Duration.ofSeconds(5), () -> hub.openStreams() == 0);
        }
    }

    @Test
    @Order(3)
    void shouldTellEveryClientToReconnectOnAGracefulShutdown() throws Exception {
        try (SseClient stream = SseClient.open(server.getURI().resolve("/v1/stream?symbols=BTC"))) {
            stream.next("subscribed", Duration.ofSeconds(10));
            // as SIGTERM does: the context stops (graceful shutdown first), then the server with its beans
            server.getApplicationContext().close();
            List<SseClient.Event> last = stream.untilEnd(Duration.ofSeconds(15));
            SseClient.Event reconnect = last.stream()
                    .filter(e -> "reconnect".equals(e.field("event")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no reconnect event before the end: " + last));
            assertThat(JSON.readTree(reconnect.field("data")).path("reason").asText())
                    .isEqualTo("shutdown");
        } finally {
            if (server.isRunning()) {
                server.close();
            }
        }
    }

    @Test
    @Order(2)
    void shouldGiveARealEventSourceClientTheSnapshotAgainWhenItReconnects() throws Exception {
        NpmPackages.ensureInstalled(NODE_CLIENT, "eventsource/package.json", "the stream tests' EventSource client");
        Map<String, String> props = new HashMap<>(TestStack.properties(TestStack.QUIET));
        props.put("pricewire.push.max-duration", "2s");
        try (EmbeddedServer server = TestStack.start(props)) {
            new Http(server.getURI()).awaitReady();
            Process node = new ProcessBuilder(
                            "node",
                            NODE_CLIENT.resolve("sse-client.mjs").toString(),
                            server.getURI()
                                    .resolve("/v1/stream?symbols=BTC,ETH")
                                    .toString(),
                            "5")
                    .redirectErrorStream(true)
                    .start();
            List<JsonNode> seen = new ArrayList<>();
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    seen.add(JSON.readTree(line));
                }
            }
            assertThat(node.waitFor(20, TimeUnit.SECONDS)).isTrue();

            List<Integer> subscribed = new ArrayList<>();
            for (int i = 0; i < seen.size(); i++) {
                if (seen.get(i).path("type").asText().equals("subscribed")) {
                    subscribed.add(i);
                }
            }
            assertThat(subscribed).as("streams the client opened: " + seen).hasSizeGreaterThanOrEqualTo(2);
            for (int start : subscribed) {
                List<String> snapshot = seen.subList(start + 1, Math.min(seen.size(), start + 3)).stream()
                        .filter(e -> e.path("type").asText().equals("price"))
                        .map(e -> e.path("id").asText().split(":")[0])
                        .toList();
                assertThat(snapshot).as("the snapshot after event " + start).containsExactlyInAnyOrder("BTC", "ETH");
            }
            int reconnect = -1;
            for (int i = 0; i < subscribed.get(1); i++) {
                if (seen.get(i).path("type").asText().equals("reconnect")) {
                    reconnect = i;
                }
            }
            assertThat(reconnect)
                    .as("a reconnect event before the second stream")
                    .isNotNegative();
            long gap = seen.get(subscribed.get(1)).path("t").asLong()
                    - seen.get(reconnect).path("t").asLong();
            assertThat(gap).as("ms from the reconnect event to the new stream").isLessThan(2_000);
        }
    }

    private static Price later(Price p, long millis) {
        return new Price(
                p.symbol(),
                p.currency(),
                p.price(),
                p.timestamp().plusMillis(millis),
                p.refreshedAs(),
                p.status(),
                p.sources(),
                p.rejected());
    }
}
