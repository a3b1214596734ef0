package io.pricewire.core.exchange;

import static io.pricewire.core.exchange.Samples.body;
import static io.pricewire.core.exchange.Samples.failureKind;
import static io.pricewire.core.exchange.Samples.listingFailureKind;
import static io.pricewire.core.exchange.Samples.noHeaders;
import static io.pricewire.core.exchange.Samples.retryAfter;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.exchange.TickerResponse.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class OkxAdapterTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-01T12:00:00Z");
    private static final Listing BTC = new Listing("BTC", "BTC-USDT");
    private static final Listing ETH = new Listing("ETH", "ETH-USDC");
    private static final Listing SOL = new Listing("SOL", "SOL-USDT");

    private final OkxAdapter adapter = new OkxAdapter();

    @Test
    void shouldUseSingleTickerEndpointWhenPlanningOneListing() {
        assertThat(adapter.plan(List.of(BTC)))
                .containsExactly(new TickerRequest("/api/v5/market/ticker?instId=BTC-USDT", 1, List.of(BTC)));
    }

    @Test
    void shouldUseOneBulkCallWhenPlanningSeveralListings() {
        assertThat(adapter.plan(List.of(BTC, ETH, SOL)))
                .containsExactly(new TickerRequest("/api/v5/market/tickers?instType=SPOT", 1, List.of(BTC, ETH, SOL)));
        assertThat(adapter.plan(List.of())).isEmpty();
    }

    @Test
    void shouldTakeLastTsAndVolumeWhenParsingDocumentedSingleTicker() {
        TickerResponse response =
                adapter.parse(adapter.plan(List.of(BTC)).get(0), 200, noHeaders(), body("okx-ticker.json"), RECEIVED);

        assertThat(response.isFailure()).isFalse();
        assertThat(response.quotes()).singleElement().satisfies(q -> {
            assertThat(q.exchange()).isEqualTo(ExchangeId.OKX);
            assertThat(q.symbol()).isEqualTo("BTC");
            assertThat(q.price()).isEqualByComparingTo("9999.99");
            assertThat(q.currency()).isEqualTo("USDT");
            assertThat(q.timestamp()).isEqualTo(Instant.ofEpochMilli(1597026383085L));
            assertThat(q.volume()).isEqualByComparingTo("2222");
        });
    }

    @Test
    void shouldKeepOnlyRequestedInstrumentsWhenParsingBulkAnswer() {
        TickerResponse response = adapter.parse(
                adapter.plan(List.of(BTC, ETH, SOL)).get(0), 200, noHeaders(), body("okx-tickers.json"), RECEIVED);

        assertThat(response.isFailure()).isFalse();
        assertThat(response.quotes())
                .extracting(Quote::symbol, Quote::currency)
                .containsExactly(Tuple.tuple("BTC", "USDT"), Tuple.tuple("ETH", "USDC"));
        assertThat(response.errors()).isEqualTo(Map.of("SOL", "not listed"));
    }

    @Test
    void shouldReportRateLimitedWhenCodeIs50011WhateverTheStatus() {
        TickerRequest request = adapter.plan(List.of(BTC)).get(0);

        TickerResponse on429 =
                adapter.parse(request, 429, Samples.retryAfter("2"), body("okx-error-rate-limited.json"), RECEIVED);
        TickerResponse on200 = adapter.parse(request, 200, noHeaders(), body("okx-error-rate-limited.json"), RECEIVED);

        assertThat(on429.failure().kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(on429.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(on200.failure().kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(on200.failure().message()).contains("50011");
    }

    @Test
    void shouldReportAnUnknownPairClientErrorWhenSingleInstrumentDoesNotExist() {
        TickerResponse response = adapter.parse(
                adapter.plan(List.of(BTC)).get(0),
                200,
                noHeaders(),
                body("okx-error-unknown-instrument.json"),
                RECEIVED);

        assertThat(response.failure().kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(response.failure().unknownPair()).isTrue();
        assertThat(response.failure().message()).contains("51001").contains("Instrument ID does not exist");
    }

    @Test
    void shouldListLiveSpotInstrumentsWhenParsingInstruments() {
        assertThat(adapter.listingRequest().pathAndQuery()).isEqualTo("/api/v5/public/instruments?instType=SPOT");

        ListingResponse listing = adapter.parseListing(200, noHeaders(), body("okx-instruments.json"), RECEIVED);

        assertThat(listing.isFailure()).isFalse();
        assertThat(listing.tradeable()).containsExactlyInAnyOrder("BTC-USDT", "ETH-USDC");
    }

    @Test
    void shouldFailTheListingWhenOkxAnswersAnErrorCode() {
        ListingResponse limited =
                adapter.parseListing(200, retryAfter("2"), body("okx-error-rate-limited.json"), RECEIVED);
        assertThat(limited.failure().kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(listingFailureKind(adapter, 200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[]}", RECEIVED))
                .isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void shouldReportServerErrorWhenCodeIsOtherwiseNonZero() {
        TickerResponse response = adapter.parse(
                adapter.plan(List.of(BTC, ETH)).get(0),
                200,
                noHeaders(),
                "{\"code\":\"50001\",\"msg\":\"Service temporarily unavailable\",\"data\":[]}",
                RECEIVED);

        assertThat(response.failure().kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(response.failure().message()).contains("50001").contains("Service temporarily unavailable");
    }

    @Test
    void shouldReportServerErrorWhenStatusIs5xx() {
        assertThat(failureKind(adapter, adapter.plan(List.of(BTC)).get(0), 503, "", RECEIVED))
                .isEqualTo(FailureKind.SERVER_ERROR);
    }

    @Test
    void shouldReportMalformedWhenBodyIsGarbage() {
        TickerRequest request = adapter.plan(List.of(BTC)).get(0);

        assertThat(failureKind(adapter, request, 200, "]]]", RECEIVED)).isEqualTo(FailureKind.MALFORMED);
        assertThat(failureKind(adapter, request, 200, "{\"code\":\"0\",\"data\":{}}", RECEIVED))
                .isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void shouldReportPerSymbolErrorWhenOneTickerIsUnusable() {
        String answer = """
                {"code":"0","msg":"","data":[
                  {"instId":"BTC-USDT","last":"","ts":"1597026383085"},
                  {"instId":"ETH-USDC","last":"350.5","ts":"1597026383090","vol24h":"100"},
                  {"instId":"SOL-USDT","last":"20","ts":"tomorrow"}]}""";

        TickerResponse response =
                adapter.parse(adapter.plan(List.of(BTC, ETH, SOL)).get(0), 200, noHeaders(), answer, RECEIVED);

        assertThat(response.quotes()).extracting(Quote::symbol).containsExactly("ETH");
        assertThat(response.errors()).containsOnlyKeys("BTC", "SOL");
    }

    @Test
    void shouldDeclareTwentyRequestsPerTwoSecondsWhenAsked() {
        assertThat(adapter.rateLimit()).isEqualTo(new ExchangeAdapter.RateLimit(20, Duration.ofSeconds(2)));
    }
}
