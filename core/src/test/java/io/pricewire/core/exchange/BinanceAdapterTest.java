package io.pricewire.core.exchange;

import static io.pricewire.core.exchange.Samples.body;
import static io.pricewire.core.exchange.Samples.failureKind;
import static io.pricewire.core.exchange.Samples.listingFailureKind;
import static io.pricewire.core.exchange.Samples.noHeaders;
import static io.pricewire.core.exchange.Samples.retryAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricewire.core.exchange.TickerResponse.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinanceAdapterTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-01T12:00:00.123Z");
    private static final Listing BTC = new Listing("BTC", "BTCUSDT");
    private static final Listing ETH = new Listing("ETH", "ETHUSDT");

    private final BinanceAdapter adapter = new BinanceAdapter();

    @Test
    void shouldUrlEncodeSymbolsAsJsonArrayWhenPlanningSeveralListings() {
        List<TickerRequest> plan = adapter.plan(List.of(BTC, ETH));

        assertThat(plan).singleElement().satisfies(r -> {
            assertThat(r.pathAndQuery()).isEqualTo("/api/v3/ticker/price?symbols=%5B%22BTCUSDT%22%2C%22ETHUSDT%22%5D");
            assertThat(r.weight()).isEqualTo(4);
            assertThat(r.listings()).containsExactly(BTC, ETH);
        });
    }

    @Test
    void shouldUseSymbolParameterWithWeightTwoWhenPlanningOneListing() {
        assertThat(adapter.plan(List.of(BTC)))
                .containsExactly(new TickerRequest("/api/v3/ticker/price?symbol=BTCUSDT", 2, List.of(BTC)));
    }

    @Test
    void shouldAskForTheWholeMarketInOneCallWhenMoreSymbolsThanOneListTakes() {
        List<Listing> listings = IntStream.range(0, 250)
                .mapToObj(i -> new Listing("A" + i, "A" + i + "USDT"))
                .toList();

        assertThat(adapter.plan(listings)).singleElement().satisfies(r -> {
            assertThat(r.pathAndQuery()).isEqualTo("/api/v3/ticker/price");
            assertThat(r.weight()).isEqualTo(4);
            assertThat(r.listings()).containsExactlyElementsOf(listings);
        });
        assertThat(new BinanceAdapter(2).plan(listings.subList(0, 2)))
                .singleElement()
                .satisfies(r -> assertThat(r.pathAndQuery()).startsWith("/api/v3/ticker/price?symbols="));
        assertThat(new BinanceAdapter(2).plan(listings.subList(0, 3)))
                .singleElement()
                .satisfies(r -> assertThat(r.pathAndQuery()).isEqualTo("/api/v3/ticker/price"));
    }

    @Test
    void shouldQuoteOnlyTheAskedListingsWhenTheWholeMarketAnswers() {
        List<Listing> listings = IntStream.range(0, 101)
                .mapToObj(i -> new Listing("A" + i, "A" + i + "USDT"))
                .toList();
        StringBuilder market = new StringBuilder("[{\"symbol\":\"OTHERUSDT\",\"price\":\"9.5\"}");
        for (int i = 0; i < 100; i++) { // A100 is missing from the market
            market.append(",{\"symbol\":\"A")
                    .append(i)
                    .append("USDT\",\"price\":\"")
                    .append(i + 1)
                    .append(".25\"}");
        }
        market.append(']');

        TickerResponse response =
                adapter.parse(adapter.plan(listings).get(0), 200, noHeaders(), market.toString(), RECEIVED);

        assertThat(response.isFailure()).isFalse();
        assertThat(response.quotes()).hasSize(100).extracting(Quote::symbol).doesNotContain("OTHER", "A100");
        assertThat(response.quotes().get(7).price()).isEqualByComparingTo("8.25");
        assertThat(response.errors()).containsOnlyKeys("A100");
    }

    @Test
    void shouldAskForAPairOnceWhenListingsRepeatIt() {
        Listing again = new Listing("BTC2", "BTCUSDT");

        List<TickerRequest> plan = adapter.plan(List.of(BTC, again));

        assertThat(plan).singleElement().satisfies(r -> {
            assertThat(r.pathAndQuery()).isEqualTo("/api/v3/ticker/price?symbol=BTCUSDT");
            assertThat(r.listings()).containsExactly(BTC, again);
        });
    }

    @Test
    void shouldPlanNothingWhenNoListings() {
        assertThat(adapter.plan(List.of())).isEmpty();
    }

    @Test
    void shouldRejectChunkSizeWhenOutsideOneToHundred() {
        assertThatThrownBy(() -> new BinanceAdapter(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BinanceAdapter(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldStampReceiveTimeWhenParsingDocumentedSingleTicker() {
        TickerRequest request = adapter.plan(List.of(BTC)).get(0);

        TickerResponse response =
                adapter.parse(request, 200, noHeaders(), body("binance-ticker-price-single.json"), RECEIVED);

        assertThat(response.isFailure()).isFalse();
        assertThat(response.errors()).isEmpty();
        assertThat(response.quotes()).singleElement().satisfies(q -> {
            assertThat(q.exchange()).isEqualTo(ExchangeId.BINANCE);
            assertThat(q.symbol()).isEqualTo("BTC");
            assertThat(q.price()).isEqualByComparingTo("67187.33");
            assertThat(q.currency()).isEqualTo("USDT");
            assertThat(q.timestamp()).isEqualTo(RECEIVED);
            assertThat(q.volume()).isNull();
        });
    }

    @Test
    void shouldMapEveryTickerToItsSymbolWhenParsingAnArray() {
        TickerRequest request = adapter.plan(List.of(BTC, ETH)).get(0);

        TickerResponse response =
                adapter.parse(request, 200, noHeaders(), body("binance-ticker-price-list.json"), RECEIVED);

        assertThat(response.quotes()).extracting(Quote::symbol).containsExactly("BTC", "ETH");
        assertThat(response.quotes().get(1).price()).isEqualByComparingTo("3481.12");
    }

    @Test
    void shouldReportPerSymbolErrorWhenOneTickerHasBadPrice() {
        Listing sol = new Listing("SOL", "SOLUSDT");
        TickerRequest request = adapter.plan(List.of(BTC, ETH, sol)).get(0);
        String answer = """
                [{"symbol":"BTCUSDT","price":"67187.33"},{"symbol":"ETHUSDT","price":"0.00000000"},{"symbol":"SOLUSDT","price":"n/a"}]""";

        TickerResponse response = adapter.parse(request, 200, noHeaders(), answer, RECEIVED);

        assertThat(response.isFailure()).isFalse();
        assertThat(response.quotes()).extracting(Quote::symbol).containsExactly("BTC");
        assertThat(response.errors()).containsOnlyKeys("ETH", "SOL");
        assertThat(response.errors().get("ETH")).contains("non-positive");
    }

    @Test
    void shouldReportMissingSymbolWhenAnswerLacksIt() {
        TickerRequest request = adapter.plan(List.of(BTC, ETH)).get(0);

        TickerResponse response =
                adapter.parse(request, 200, noHeaders(), body("binance-ticker-price-single.json"), RECEIVED);

        assertThat(response.quotes()).extracting(Quote::symbol).containsExactly("BTC");
        assertThat(response.errors()).containsOnlyKeys("ETH");
    }

    @Test
    void shouldFailWholeCallAsClientErrorWhenBinanceRejectsAnUnknownSymbol() {
        TickerRequest request = adapter.plan(List.of(BTC, ETH)).get(0);

        TickerResponse response =
                adapter.parse(request, 400, noHeaders(), body("binance-error-invalid-symbol.json"), RECEIVED);

        assertThat(response.failure().kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(response.failure().unknownPair()).isTrue();
        assertThat(response.failure().message()).contains("Invalid symbol.").contains("-1121");
        assertThat(response.quotes()).isEmpty();
    }

    @Test
    void shouldNotCallOtherClientErrorsAnUnknownPair() {
        TickerResponse response = adapter.parse(
                adapter.plan(List.of(BTC, ETH)).get(0),
                400,
                noHeaders(),
                "{\"code\":-1100,\"msg\":\"Illegal characters found in parameter 'symbols'.\"}",
                RECEIVED);

        assertThat(response.failure().kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(response.failure().unknownPair()).isFalse();
    }

    @Test
    void shouldListTradingSymbolsWhenParsingExchangeInfo() {
        TickerRequest request = adapter.listingRequest();
        assertThat(request.pathAndQuery())
                .isEqualTo("/api/v3/exchangeInfo?showPermissionSets=false&symbolStatus=TRADING");
        assertThat(request.weight()).isEqualTo(20);

        ListingResponse listing = adapter.parseListing(200, noHeaders(), body("binance-exchange-info.json"), RECEIVED);

        assertThat(listing.isFailure()).isFalse();
        assertThat(listing.tradeable()).containsExactlyInAnyOrder("BTCUSDT", "ETHUSDT");
    }

    @Test
    void shouldFailTheListingWhenTheBodyIsNotExchangeInfo() {
        assertThat(listingFailureKind(adapter, 200, body("binance-ticker-price-list.json"), RECEIVED))
                .isEqualTo(FailureKind.MALFORMED);
        ListingResponse limited =
                adapter.parseListing(429, retryAfter("7"), "{\"code\":-1003,\"msg\":\"Too many requests\"}", RECEIVED);
        assertThat(limited.failure().kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void shouldReportRateLimitedWithRetryAfterWhenStatusIs429() {
        TickerResponse response = adapter.parse(adapter.plan(List.of(BTC)).get(0), 429, retryAfter("30"), "", RECEIVED);

        assertThat(response.failure().kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(response.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldReportBannedWithRetryAfterWhenStatusIs418() {
        TickerResponse response =
                adapter.parse(adapter.plan(List.of(BTC)).get(0), 418, retryAfter("120"), "", RECEIVED);

        assertThat(response.failure().kind()).isEqualTo(FailureKind.BANNED);
        assertThat(response.retryAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void shouldReportServerErrorWhenStatusIs5xx() {
        TickerResponse response =
                adapter.parse(adapter.plan(List.of(BTC)).get(0), 503, noHeaders(), "<html>busy</html>", RECEIVED);

        assertThat(response.failure().kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(response.retryAfter()).isNull();
    }

    @Test
    void shouldReportMalformedWhenBodyIsNotTheExpectedJson() {
        TickerRequest request = adapter.plan(List.of(BTC)).get(0);

        assertThat(failureKind(adapter, request, 200, "<html>oops</html>", RECEIVED))
                .isEqualTo(FailureKind.MALFORMED);
        assertThat(failureKind(adapter, request, 200, "{\"foo\":1}", RECEIVED)).isEqualTo(FailureKind.MALFORMED);
        assertThat(failureKind(adapter, request, 200, "[1,2]", RECEIVED)).isEqualTo(FailureKind.MALFORMED);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "BTCUSDT, USDT", "BTCUSDC, USDC", "BTCUSD, USD", "USDCUSDT, USDT",
                "BTCFDUSD, null", "BTCTUSD, null", "LTCBTC, null", "USDT, null"
            })
    void shouldDeriveQuoteCurrencyFromPairSuffixWhenParsing(String pair, String currency) {
        assertThat(BinanceAdapter.quoteCurrency(pair)).isEqualTo(currency);
    }

    @Test
    void shouldReportUnsupportedCurrencyWhenPairIsNotInUsdOrStablecoin() {
        Listing eur = new Listing("BTC", "BTCEUR");
        TickerResponse response = adapter.parse(
                adapter.plan(List.of(eur)).get(0),
                200,
                noHeaders(),
                "{\"symbol\":\"BTCEUR\",\"price\":\"60000.00\"}",
                RECEIVED);

        assertThat(response.quotes()).isEmpty();
        assertThat(response.errors()).containsKey("BTC");
    }

    @Test
    void shouldDeclareRequestWeightLimitWhenAsked() {
        assertThat(adapter.rateLimit()).isEqualTo(new ExchangeAdapter.RateLimit(6000, Duration.ofMinutes(1)));
        assertThat(adapter.id()).isEqualTo(ExchangeId.BINANCE);
    }
}
