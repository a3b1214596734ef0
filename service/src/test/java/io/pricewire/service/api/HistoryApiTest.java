package io.pricewire.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.core.history.Bucket;
import io.pricewire.core.history.HistoryRecorder;
import io.pricewire.core.history.Resolution;
import io.pricewire.core.store.dynamo.DynamoHistoryStore;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.testkit.Await;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /v1/prices/{symbol}/history} and {@code change24h} against the running service (Redis, dynalite,
 * exchange-sim): the write path from a refresh to the table, the reading, and every error.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryApiTest implements TestPropertyProvider {
    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");

    @Inject
    EmbeddedServer server;

    @Inject
    DynamoHistoryStore table;

    @Inject
    HistoryRecorder recorder;

    Http http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestStack.properties(TestStack.FIXED_TIERS));
        p.put("pricewire.tiers.tickers", "false");
        // every refresh looks the reference up again: the warm-up's refresh must not leave "none" cached for a minute
        p.put("pricewire.history.reference-refresh", "1ms");
        return p;
    }

    @BeforeEach
    void client() {
        http = new Http(server.getURI());
        http.awaitReady();
    }

    @Test
    void shouldAnswerTheStoredCandlesOldestFirstWithIsoTimesAndDecimalStrings() {
        List<Bucket> minutes = new ArrayList<>();
        for (int m = 0; m < 5; m++) {
            minutes.add(Bucket.of("LTC", Resolution.MINUTE, new BigDecimal("70.5"), T0.plusSeconds(60L * m + 10))
                    .with(new BigDecimal("72.25"), T0.plusSeconds(60L * m + 20))
                    .with(new BigDecimal("69"), T0.plusSeconds(60L * m + 50)));
        }
        table.merge(minutes);

        Http.Answer a =
                http.get("/v1/prices/ltc/history?interval=1m&from=2026-11-20T00:01:00Z&to=2026-11-20T00:03:00Z");

        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.cacheControl()).isEqualTo("public, max-age=10");
        assertThat(a.body())
                .isEqualTo(
                        "{\"symbol\":\"LTC\",\"interval\":\"1m\",\"points\":["
                                + "{\"t\":\"2026-11-20T00:01:00Z\",\"open\":\"70.5\",\"high\":\"72.25\",\"low\":\"69\",\"close\":\"69\"},"
                                + "{\"t\":\"2026-11-20T00:02:00Z\",\"open\":\"70.5\",\"high\":\"72.25\",\"low\":\"69\",\"close\":\"69\"},"
                                + "{\"t\":\"2026-11-20T00:03:00Z\",\"open\":\"70.5\",\"high\":\"72.25\",\"low\":\"69\",\"close\":\"69\"}]}");
        Http.Answer none =
                http.get("/v1/prices/LTC/history?interval=1d&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("points")).isEmpty();
    }

    @Test
    void shouldWriteWhatARefreshPublishedToTheHistory() {
        Http.Answer refreshed = refresh("SOL");
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        BigDecimal price = new BigDecimal(refreshed.json().get("price").asText());
        recorder.flush(); // what a graceful stop does; the minute itself would be written when it is over

        for (String interval : List.of("1m", "1h", "1d")) {
            Http.Answer a = http.get("/v1/prices/SOL/history?interval=" + interval);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            JsonNode points = a.json().get("points");
            assertThat(points).as(interval + ": " + a.body()).isNotEmpty();
            JsonNode last = points.get(points.size() - 1);
            assertThat(new BigDecimal(last.get("close").asText())).isEqualByComparingTo(price);
            assertThat(new BigDecimal(last.get("high").asText())).isGreaterThanOrEqualTo(price);
        }
    }

    @Test
    void shouldGiveThePriceItsChangeAgainstThePrice24HoursAgoAndTheSameOnTheFastPath() {
        Instant dayAgo = Instant.now().minus(Duration.ofHours(24)).minusSeconds(60);
        table.merge(List.of(Bucket.of("ETH", Resolution.MINUTE, new BigDecimal("1000"), dayAgo)));

        Http.Answer refreshed = refresh("ETH");
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        BigDecimal price = new BigDecimal(refreshed.json().get("price").asText());
        BigDecimal expected = price.subtract(new BigDecimal("1000"))
                .multiply(BigDecimal.valueOf(100))
                .divide(new BigDecimal("1000"), 2, RoundingMode.HALF_EVEN);
        assertThat(refreshed.json().get("change24h").asText()).isEqualTo(expected.toPlainString());

        // the near cache takes the refreshed price from the prices channel
        Await.until(
                "the refreshed price in the near cache",
                Duration.ofSeconds(5),
                () -> http.get("/v1/prices/ETH")
                        .json()
                        .get("change24h")
                        .asText()
                        .equals(expected.toPlainString()));
        JsonNode batch = http.get("/v1/prices?symbols=ETH,DOGE").json().get("prices");
        assertThat(batch.get(0).get("change24h").asText()).isEqualTo(expected.toPlainString());
        assertThat(batch.get(1).get("change24h").isNull())
                .as("no history that old")
                .isTrue();
    }

    @Test
    void shouldRefuseWhatItCannotAnswerWithTheJsonErrors() {
        Http.assertError(http.get("/v1/prices/BTC/history?interval=5m"), 400, "invalid_request");
        Http.assertError(http.get("/v1/prices/BTC/history?from=yesterday"), 400, "invalid_request");
        Http.assertError(http.get("/v1/prices/BTC/history?to=2026-13-01T00:00:00Z"), 400, "invalid_request");
        Http.assertError(
                http.get("/v1/prices/BTC/history?from=2026-11-20T01:00:00Z&to=2026-11-20T00:00:00Z"),
                400,
                "invalid_request");
        Http.Answer tooLong =
                http.get("/v1/prices/BTC/history?interval=1m&from=2026-11-18T00:00:00Z&to=2026-11-20T00:00:00Z");
        Http.assertError(tooLong, 400, "invalid_request");
        assertThat(tooLong.json().get("message").asText()).contains("2881").contains("1500");
        Http.assertError(http.get("/v1/prices/NOSUCHCOIN/history"), 404, "unknown_symbol");
        Http.assertError(http.get("/v1/prices/B%24C/history"), 400, "invalid_symbol");
        Http.assertError(http.send(http.request("/v1/prices/BTC/history").DELETE()), 405, "method_not_allowed");
    }

    @Test
    void shouldAnswerExactlyFifteenHundredPointsAtMost() {
        Http.Answer edge =
                http.get("/v1/prices/BTC/history?interval=1m&from=2026-11-20T00:00:00Z&to=2026-11-21T00:59:00Z");
        assertThat(edge.status()).as(edge.body()).isEqualTo(200);
        Http.assertError(
                http.get("/v1/prices/BTC/history?interval=1m&from=2026-11-20T00:00:00Z&to=2026-11-21T01:00:00Z"),
                400,
                "invalid_request");
    }

    private Http.Answer refresh(String symbol) {
        return http.send(http.request("/v1/prices/" + symbol + "/refresh")
                .header("X-Api-Key", TestStack.API_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }
}
