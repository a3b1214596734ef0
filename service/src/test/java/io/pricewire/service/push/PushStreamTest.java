package io.pricewire.service.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.Tier;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.Meters;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.tiers.HotSets;
import io.pricewire.service.tiers.TierDirectory;
import io.pricewire.testkit.Await;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /v1/stream} against a real service: the snapshot and then every new price, the batch GET's validation
 * and errors, the heartbeat, both limits, and a refresh on one instance seen by a stream on another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private EmbeddedServer server;
    private Http http;

    @BeforeAll
    void start() {
        Map<String, String> props = new HashMap<>(TestStack.properties(TestStack.QUIET));
        props.put("pricewire.push.heartbeat", "1s");
        props.put("pricewire.push.max-streams-per-client", "3");
        props.put("pricewire.push.max-streams", "5");
        props.put("pricewire.rate-limit.forwarded-for-hops", "1");
        server = TestStack.start(props);
        http = new Http(server.getURI()).awaitReady();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void shouldSendTheSnapshotThenEveryNewPriceAsTheGetWouldAnswerIt() throws Exception {
        try (SseClient stream = SseClient.open(url("/v1/stream?symbols=btc,ETH,NOSUCHCOIN"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("content-type")).startsWith("text/event-stream");
            assertThat(stream.header("cache-control")).isEqualTo("no-cache");
            assertThat(stream.next(WAIT).lines()).containsExactly("retry: 500");
            SseClient.Event subscribed = stream.next(WAIT);
            assertThat(subscribed.field("event")).isEqualTo("subscribed");
            assertThat(JSON.readTree(subscribed.field("data")))
                    .isEqualTo(JSON.readTree("{\"symbols\":[\"BTC\",\"ETH\"],\"unknown\":[\"NOSUCHCOIN\"]}"));

            Map<String, JsonNode> snapshot = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                SseClient.Event price = stream.next("price", WAIT);
                JsonNode data = JSON.readTree(price.field("data"));
                assertThat(price.field("id"))
                        .isEqualTo(data.path("symbol").asText() + ":"
                                + Instant.parse(data.path("timestamp").asText()).toEpochMilli());
                snapshot.put(data.path("symbol").asText(), data);
            }
            assertThat(snapshot).containsOnlyKeys("BTC", "ETH");
            JsonNode get = JSON.readTree(http.get("/v1/prices/BTC").body());
            for (String field : List.of("symbol", "currency", "price", "timestamp", "tier", "status", "sources")) {
                assertThat(snapshot.get("BTC").path(field)).as(field).isEqualTo(get.path(field));
            }

            MeterRegistry registry = server.getApplicationContext().getBean(MeterRegistry.class);
            double writesBefore = Meters.count(registry, "pricewire.sse.writes");
            double sentBefore = Meters.count(registry, "pricewire.sse.events.sent");
            Http.Answer refreshed = http.send(http.request("/v1/prices/BTC/refresh")
                    .header("X-Api-Key", TestStack.API_KEY)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(refreshed.status()).isEqualTo(200);
            String newTimestamp =
                    JSON.readTree(refreshed.body()).path("timestamp").asText();
            SseClient.Event update = stream.next("price", WAIT);
            JsonNode data = JSON.readTree(update.field("data"));
            assertThat(data.path("symbol").asText()).isEqualTo("BTC");
            assertThat(data.path("timestamp").asText()).isEqualTo(newTimestamp);
            // the update went out in a socket write of its own stream, and no write goes out empty
            double writes = Meters.count(registry, "pricewire.sse.writes") - writesBefore;
            assertThat(writes).isGreaterThanOrEqualTo(1);
            assertThat(Meters.count(registry, "pricewire.sse.events.sent") - sentBefore)
                    .isGreaterThanOrEqualTo(writes);
        }
    }

    @Test
    void shouldStreamTheHotTierAndSendAHeartbeatWhenNothingHappens() {
        try (SseClient stream = SseClient.open(url("/v1/stream?tier=hot"))) {
            assertThat(stream.status()).isEqualTo(200);
            SseClient.Event subscribed = stream.next("subscribed", WAIT);
            assertThat(subscribed.field("data")).contains("\"BTC\"");
            // no tickers run here: after the snapshot only heartbeats, about one a second
            for (int heartbeats = 0; heartbeats < 2; ) {
                SseClient.Event e = stream.next(Duration.ofSeconds(5));
                if (e.isComment()) {
                    assertThat(e.lines()).containsExactly(": heartbeat");
                    heartbeats++;
                }
            }
        }
    }

    @Test
    void shouldFollowTheHotTierWhenDemandChangesIt() throws Exception {
        TierDirectory directory = server.getApplicationContext().getBean(TierDirectory.class);
        List<String> rankHot =
                directory.members(Tier.HOT).stream().map(Asset::symbol).toList();
        String stays = rankHot.get(0);
        String leaves = rankHot.get(rankHot.size() - 1);
        String joins = directory.members(Tier.MEDIUM).get(0).symbol();
        try (SseClient stream = SseClient.open(url("/v1/stream?tier=hot"))) {
            assertThat(symbols(stream.next("subscribed", WAIT))).isEqualTo(rankHot);

            Set<String> promoted = new LinkedHashSet<>(rankHot);
            promoted.remove(leaves);
            promoted.add(joins);
            HotSets.use(directory, promoted);
            // within a sweep (1 s): the new list, as the tier lists it now
            List<String> now =
                    directory.members(Tier.HOT).stream().map(Asset::symbol).toList();
            assertThat(symbols(stream.next("subscribed", WAIT)))
                    .isEqualTo(now)
                    .contains(joins, stays)
                    .doesNotContain(leaves);

            // a new price of the one that left, then of the one that joined, then of one that stayed: the stream
            // gets the last two (and perhaps the joined one's snapshot), never the first
            refresh(leaves);
            String joined = refresh(joins);
            String stayed = refresh(stays);
            List<String> seen = new ArrayList<>();
            boolean joinedSeen = false;
            boolean stayedSeen = false;
            while (!(joinedSeen && stayedSeen)) {
                JsonNode data = JSON.readTree(stream.next("price", WAIT).field("data"));
                String symbol = data.path("symbol").asText();
                seen.add(symbol);
                joinedSeen |=
                        symbol.equals(joins) && data.path("timestamp").asText().equals(joined);
                stayedSeen |=
                        symbol.equals(stays) && data.path("timestamp").asText().equals(stayed);
            }
            SseClient.Event late;
            while ((late = stream.poll(Duration.ofMillis(500))) != null) {
                if ("price".equals(late.field("event"))) {
                    seen.add(JSON.readTree(late.field("data")).path("symbol").asText());
                }
            }
            assertThat(seen).as("prices after the change").doesNotContain(leaves);
        } finally {
            HotSets.use(directory, null);
        }
    }

    /** Refreshes {@code symbol} now; its new price's timestamp. */
    private String refresh(String symbol) throws Exception {
        Http.Answer a = http.send(http.request("/v1/prices/" + symbol + "/refresh")
                .header("X-Api-Key", TestStack.API_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(a.status()).as(symbol + ": " + a.body()).isEqualTo(200);
        return JSON.readTree(a.body()).path("timestamp").asText();
    }

    private static List<String> symbols(SseClient.Event subscribed) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(subscribed.field("data")).path("symbols").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void shouldAnswerTheBatchGetsValidationErrors() {
        String hundredAndOne = IntStream.range(0, 101).mapToObj(i -> "A" + i).collect(Collectors.joining(","));
        for (String query : List.of("symbols=", "symbols=BTC,,ETH", "symbols=B%24TC", "symbols=" + hundredAndOne)) {
            Http.Answer stream = http.get("/v1/stream?" + query);
            Http.Answer batch = http.get("/v1/prices?" + query);
            assertThat(stream.status()).as(query).isEqualTo(400).isEqualTo(batch.status());
            assertThat(stream.body()).as(query).isEqualTo(batch.body());
            Http.assertError(stream, 400, errorCode(batch));
        }
        Http.assertError(http.get("/v1/stream"), 400, "invalid_request");
        Http.assertError(http.get("/v1/stream?symbols=BTC&tier=hot"), 400, "invalid_request");
        Http.assertError(http.get("/v1/stream?tier=cold"), 400, "invalid_request");
        Http.assertError(http.get("/v1/stream?symbols=NOSUCHCOIN"), 404, "unknown_symbol");
    }

    @Test
    void shouldRefuseAClientOverItsLimitWith429AndAFullInstanceWith503BeforeTheStreamStarts() {
        try (SseClient a = fromClient("203.0.113.1");
                SseClient b = fromClient("203.0.113.1");
                SseClient c = fromClient("203.0.113.1")) {
            assertThat(List.of(a.status(), b.status(), c.status())).containsOnly(200);
            Http.Answer over =
                    http.send(http.request("/v1/stream?symbols=BTC").header("X-Forwarded-For", "203.0.113.1"));
            Http.assertError(over, 429, "rate_limited");
            assertThat(over.retryAfter()).isNotNull();

            try (SseClient d = fromClient("203.0.113.2");
                    SseClient e = fromClient("203.0.113.3")) {
                assertThat(List.of(d.status(), e.status())).containsOnly(200);
                Http.Answer full =
                        http.send(http.request("/v1/stream?symbols=BTC").header("X-Forwarded-For", "203.0.113.4"));
                Http.assertError(full, 503, "unavailable");
                assertThat(full.retryAfter()).isEqualTo("1");
            }
        }
        MeterRegistry registry = server.getApplicationContext().getBean(MeterRegistry.class);
        assertThat(Meters.count(registry, "pricewire.sse.refused", "reason", "client_limit"))
                .isPositive();
        assertThat(Meters.count(registry, "pricewire.sse.refused", "reason", "instance_limit"))
                .isPositive();
        PushHub hub = server.getApplicationContext().getBean(PushHub.class);
        Await.until("every stream closed", WAIT, () -> hub.openStreams() == 0);
    }

    @Test
    void shouldShowARefreshOnOneInstanceToAStreamOnAnother() throws Exception {
        Map<String, String> props = new HashMap<>(TestStack.properties(TestStack.QUIET));
        props.put(
                "redis.uri",
                server.getApplicationContext()
                        .getProperty("redis.uri", String.class)
                        .orElseThrow());
        props.put(
                "pricewire.table",
                server.getApplicationContext()
                        .getProperty("pricewire.table", String.class)
                        .orElseThrow());
        try (EmbeddedServer other = TestStack.start(props);
                SseClient stream = SseClient.open(url("/v1/stream?symbols=ETH"))) {
            stream.next("price", WAIT); // the snapshot
            Http otherHttp = new Http(other.getURI()).awaitReady();
            Http.Answer refreshed = otherHttp.send(otherHttp
                    .request("/v1/prices/ETH/refresh")
                    .header("X-Api-Key", TestStack.API_KEY)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(refreshed.status()).isEqualTo(200);
            String timestamp = JSON.readTree(refreshed.body()).path("timestamp").asText();
            JsonNode seen = JSON.readTree(stream.next("price", WAIT).field("data"));
            assertThat(seen.path("timestamp").asText()).isEqualTo(timestamp);
        }
    }

    private SseClient fromClient(String address) {
        return SseClient.open(
                HttpRequest.newBuilder(url("/v1/stream?symbols=BTC")).header("X-Forwarded-For", address));
    }

    private static String errorCode(Http.Answer a) {
        try {
            return JSON.readTree(a.body()).path("error").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private URI url(String pathAndQuery) {
        return server.getURI().resolve(pathAndQuery);
    }
}
