package io.pricewire.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.history.Bucket;
import io.pricewire.core.history.Resolution;
import io.pricewire.core.price.Price;
import io.pricewire.core.store.dynamo.DynamoHistoryStore;
import io.pricewire.service.errors.ApiErrors;
import io.pricewire.service.errors.ErrorResponse;
import io.pricewire.service.nearcache.PriceReader;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.tiers.TierDirectory;
import io.pricewire.sim.Fault;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
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
 * The pre-rendered bodies the service sends — the near cache's price bytes, through the Netty fast
 * path and through the controller, and {@link ApiErrors}' error bytes — are byte for byte what
 * Micronaut's mapper renders for the typed records {@code /openapi.yml} describes. Each record is
 * built from the domain objects the service holds, taking only the per-request values ({@code
 * ageMs}, {@code stale}, an error's sentence) from the answer. Tickers are off, so the price a
 * request was answered with is still the one the reader holds when the test builds its record.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseParityTest implements TestPropertyProvider {
    private static final String FAST_COUNT = "pricewire_http_fast_path_total";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper mapper;

    @Inject
    PriceReader reader;

    @Inject
    Symbols symbols;

    @Inject
    TierDirectory tiers;

    @Inject
    DynamoHistoryStore history;

    Http http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestStack.properties());
        p.put("pricewire.tiers.tickers", "false");
        p.put("pricewire.demand.enabled", "false");
        // ETH's refresh below must find the reference seeded for it, not the warm-up's "none" cached for a minute
        p.put("pricewire.history.reference-refresh", "1ms");
        // and wait for it however busy the machine is: this test is about bytes, not the 300 ms bound
        p.put("pricewire.history.reference-wait", "10s");
        return p;
    }

    @BeforeEach
    void client() {
        http = new Http(server.getURI());
        http.awaitReady();
    }

    @Test
    void shouldServeTheTypedPriceBytesFromTheRefreshTheFastPathTheControllerAndTheBatch() throws IOException {
        // a price 24 h ago for ETH, so its answers carry a change24h and BTC's a null one
        history.merge(List.of(Bucket.of(
                "ETH", Resolution.MINUTE, new BigDecimal("1000"), Instant.now().minus(Duration.ofHours(24)))));
        // an OKX quote ten times too high lands under "rejected", so both lists of the body are exercised
        TestStack.sim().setFault(ExchangeId.OKX, Fault.outlier(10));
        Http.Answer refreshed;
        try {
            refreshed = refresh("ETH");
        } finally {
            TestStack.sim().clearFault(ExchangeId.OKX);
        }
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().get("rejected")).as(refreshed.body()).isNotEmpty();
        assertThat(refreshed.json().get("change24h").isTextual())
                .as(refreshed.body())
                .isTrue();
        assertParity(refreshed.body(), typed("ETH", refreshed.json()));

        double fastBefore = metric(FAST_COUNT);
        Http.Answer fast = http.get("/v1/prices/ETH");
        assertThat(metric(FAST_COUNT)).as("answered by the fast path").isEqualTo(fastBefore + 1);
        assertParity(fast.body(), typed("ETH", fast.json()));

        // the fast path leaves a percent-encoded symbol to Micronaut, which decodes it for the controller
        Http.Answer controller = http.get("/v1/prices/%45TH");
        assertThat(metric(FAST_COUNT)).as("answered by the controller").isEqualTo(fastBefore + 1);
        assertThat(controller.status()).as(controller.body()).isEqualTo(200);
        assertParity(controller.body(), typed("ETH", controller.json()));

        Http.Answer batch = http.get("/v1/prices?symbols=eth,BTC,NOSUCHCOIN");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        List<PriceResponse> prices = new ArrayList<>();
        for (JsonNode served : batch.json().get("prices")) {
            prices.add(typed(served.get("symbol").asText(), served));
        }
        assertThat(prices).extracting(PriceResponse::symbol).containsExactly("ETH", "BTC");
        assertThat(prices.get(0).change24h()).as("ETH has history 24 h back").isNotNull();
        assertThat(prices.get(1).change24h()).as("BTC has none").isNull();
        assertParity(batch.body(), new PricesResponse(prices, List.of("NOSUCHCOIN")));
    }

    @Test
    void shouldServeTheTypedErrorBytes() throws IOException {
        Http.Answer unknown = http.get("/v1/prices/NOSUCHCOIN");
        assertThat(unknown.status()).isEqualTo(404);
        assertParity(
                unknown.body(),
                new ErrorResponse(
                        "unknown_symbol", unknown.json().get("message").asText()));

        // what the generator escapes (quotes, backslashes, control characters, non-ASCII), the mapper must escape alike
        String message = "A \"quoted\" \\ path\twith\nlines, é, \u2028 and </script>.";
        assertParity(
                new String(ApiErrors.body("invalid_request", message, null), StandardCharsets.UTF_8),
                new ErrorResponse("invalid_request", message));
    }

    @Test
    void shouldServeTheTypedBytesOfARefreshNoExchangeAnswered() throws IOException {
        for (ExchangeId e : ExchangeId.values()) {
            TestStack.sim().setFault(e, Fault.down());
        }
        Http.Answer failed;
        try {
            failed = refresh("BTC");
        } finally {
            TestStack.sim().clearAllFaults();
        }
        assertThat(failed.status()).as(failed.body()).isEqualTo(503);
        JsonNode body = failed.json();
        assertParity(
                failed.body(),
                new RefreshUnavailableResponse(
                        body.get("error").asText(), body.get("message").asText(), typed("BTC", body.get("price"))));
    }

    private Http.Answer refresh(String symbol) {
        return http.send(http.request("/v1/prices/" + symbol + "/refresh")
                .header("X-Api-Key", TestStack.API_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The record for the price the service holds for {@code symbol}, with the per-request values {@code served} carried. */
    private PriceResponse typed(String symbol, JsonNode served) {
        Asset asset = symbols.resolve(symbol);
        Price p = reader.read(asset).join().orElseThrow();
        return new PriceResponse(
                p.symbol(),
                p.currency(),
                p.price().toPlainString(),
                p.timestamp(),
                served.get("ageMs").asLong(),
                tiers.tierOf(asset).label(),
                p.status().label(),
                served.get("stale").asBoolean(),
                p.change24h() == null ? null : p.change24h().toPlainString(),
                p.sources().stream()
                        .map(s -> new PriceResponse.Source(
                                s.exchange().label(), s.price().toPlainString(), s.timestamp()))
                        .toList(),
                p.rejected().stream()
                        .map(r -> new PriceResponse.Rejected(
                                r.exchange().label(), r.price().toPlainString(), r.reason()))
                        .toList());
    }

    private void assertParity(String served, Object record) throws IOException {
        assertThat(served).isEqualTo(new String(mapper.writeValueAsBytes(record), StandardCharsets.UTF_8));
    }

    private double metric(String series) {
        for (String line : http.get("/prometheus").body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }
}
