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
import org.junit.jupiter.api.Test;

class CoinbaseAdapterTest {

    private static final Instant RECEIVED = Instant.parse("2020-03-20T00:22:58Z");
    private static final Listing BTC = new Listing("BTC", "BTC-USD");

    private final CoinbaseAdapter adapter = new CoinbaseAdapter();

    private TickerRequest requestFor(Listing listing) {
        return adapter.plan(List.of(listing)).get(0);
    }

    @Test
    void shouldPlanOneCallPerProductWhenBatchHasSeveralListings() {
        Listing eth = new Listing("ETH", "ETH-USD");

        assertThat(adapter.plan(List.of(BTC, eth)))
                .containsExactly(
                        new TickerRequest("/products/BTC-USD/ticker", 1, List.of(BTC)),
                        new TickerRequest("/products/ETH-USD/ticker", 1, List.of(eth)));
    }

    @Test
    void shouldTakeTimeAndVolumeFromTickerWhenParsingDocumentedSample() {
        TickerResponse response =
                adapter.parse(requestFor(BTC), 200, noHeaders(), body("coinbase-ticker.json"), RECEIVED);

        assertThat(response.isFailure()).isFalse();
        assertThat(response.quotes()).singleElement().satisfies(q -> {
            assertThat(q.exchange()).isEqualTo(ExchangeId.COINBASE);
            assertThat(q.symbol()).isEqualTo("BTC");
            assertThat(q.price()).isEqualByComparingTo("6268.48");
            assertThat(q.currency()).isEqualTo("USD");
            assertThat(q.timestamp()).isEqualTo(Instant.parse("2020-03-20T00:22:57.833Z"));
            assertThat(q.volume()).isEqualByComparingTo("53602.03940154");
        });
    }

    @Test
    void shouldQuoteInUsdtWhenProductEndsInUsdt() {
        Listing usdt = new Listing("SOL", "SOL-USDT");

        TickerResponse response =
                adapter.parse(requestFor(usdt), 200, noHeaders(), body("coinbase-ticker.json"), RECEIVED);

        assertThat(response.quotes())
                .singleElement()
                .extracting(Quote::currency)
                .isEqualTo("USDT");
    }

    @Test
    void shouldReportAnUnknownPairClientErrorWhenProductIsUnknown() {
        TickerResponse response =
                adapter.parse(requestFor(BTC), 404, noHeaders(), body("coinbase-error-not-found.json"), RECEIVED);

        assertThat(response.failure().kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(response.failure().unknownPair()).isTrue();
        assertThat(response.failure().message()).isEqualTo("NotFound");
        assertThat(response.quotes()).isEmpty();
    }

    @Test
    void shouldListOnlineProductsWithTradingEnabledWhenParsingProducts() {
        assertThat(adapter.listingRequest().pathAndQuery()).isEqualTo("/products");

        ListingResponse listing = adapter.parseListing(200, noHeaders(), body("coinbase-products.json"), RECEIVED);

        assertThat(listing.isFailure()).isFalse();
        assertThat(listing.tradeable()).containsExactlyInAnyOrder("BTC-USD", "ETH-USD");
    }

    @Test
    void shouldFailTheListingWhenItIsNotAnArrayOfProducts() {
        assertThat(listingFailureKind(adapter, 200, "{\"message\":\"NotFound\"}", RECEIVED))
                .isEqualTo(FailureKind.MALFORMED);
        assertThat(listingFailureKind(adapter, 200, "[]", RECEIVED)).isEqualTo(FailureKind.MALFORMED);
        assertThat(listingFailureKind(adapter, 404, "{\"message\":\"NotFound\"}", RECEIVED))
                .isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(listingFailureKind(adapter, 503, "", RECEIVED)).isEqualTo(FailureKind.SERVER_ERROR);
    }

    @Test
    void shouldReportRateLimitedWithRetryAfterWhenStatusIs429() {
        TickerResponse withHeader =
                adapter.parse(requestFor(BTC), 429, retryAfter("1"), "{\"message\":\"Too many requests\"}", RECEIVED);
        TickerResponse without = adapter.parse(requestFor(BTC), 429, noHeaders(), "", RECEIVED);

        assertThat(withHeader.failure().kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(withHeader.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(without.failure().kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(without.retryAfter()).isNull();
    }

    @Test
    void shouldReportServerErrorWhenStatusIs5xx() {
        assertThat(failureKind(adapter, requestFor(BTC), 502, "bad gateway", RECEIVED))
                .isEqualTo(FailureKind.SERVER_ERROR);
    }

    @Test
    void shouldReportMalformedWhenBodyIsGarbage() {
        assertThat(failureKind(adapter, requestFor(BTC), 200, "\u0000garbage", RECEIVED))
                .isEqualTo(FailureKind.MALFORMED);
        assertThat(failureKind(adapter, requestFor(BTC), 200, "{\"message\":\"hello\"}", RECEIVED))
                .isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void shouldReportPerSymbolErrorWhenPriceIsNotPositive() {
        TickerResponse response = adapter.parse(
                requestFor(BTC),
                200,
                noHeaders(),
                "{\"price\":\"-1\",\"time\":\"2020-03-20T00:22:57.833Z\"}",
                RECEIVED);

        assertThat(response.isFailure()).isFalse();
        assertThat(response.quotes()).isEmpty();
        assertThat(response.errors()).containsKey("BTC");
    }

    @Test
    void shouldCapTimestampAtReceiveTimeWhenExchangeClockRunsAhead() {
        TickerResponse response = adapter.parse(
                requestFor(BTC),
                200,
                noHeaders(),
                "{\"price\":\"6268.48\",\"time\":\"2020-03-20T00:30:00Z\"}",
                RECEIVED);

        assertThat(response.quotes())
                .singleElement()
                .extracting(Quote::timestamp)
                .isEqualTo(RECEIVED);
    }

    @Test
    void shouldStampReceiveTimeWhenTickerHasNoTime() {
        TickerResponse response = adapter.parse(requestFor(BTC), 200, noHeaders(), "{\"price\":\"6268.48\"}", RECEIVED);

        assertThat(response.quotes()).singleElement().satisfies(q -> {
            assertThat(q.timestamp()).isEqualTo(RECEIVED);
            assertThat(q.volume()).isNull();
        });
    }

    @Test
    void shouldReportPerSymbolErrorWhenTimeIsGarbage() {
        TickerResponse response =
                adapter.parse(requestFor(BTC), 200, noHeaders(), "{\"price\":\"1\",\"time\":\"yesterday\"}", RECEIVED);

        assertThat(response.quotes()).isEmpty();
        assertThat(response.errors()).containsEntry("BTC", "unparseable time");
    }

    @Test
    void shouldDeclareTenRequestsPerSecondWhenAsked() {
        assertThat(adapter.rateLimit()).isEqualTo(new ExchangeAdapter.RateLimit(10, Duration.ofSeconds(1)));
    }
}
