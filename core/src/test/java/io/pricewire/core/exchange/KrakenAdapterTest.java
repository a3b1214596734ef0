package io.pricewire.core.exchange;

import static io.pricewire.core.exchange.Samples.body;
import static io.pricewire.core.exchange.Samples.failureKind;
import static io.pricewire.core.exchange.Samples.listingFailureKind;
import static io.pricewire.core.exchange.Samples.noHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.exchange.TickerResponse.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KrakenAdapterTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-01T12:00:00Z");
    private static final Listing BTC = new Listing("BTC", "XBTUSD", "XXBTZUSD");
    private static final Listing ETH = new Listing("ETH", "ETHUSD", "XETHZUSD");
    private static final Listing DOGE = new Listing("DOGE", "XDGUSD");

    private final KrakenAdapter adapter = new KrakenAdapter();

    @Test
    void shouldJoinPairsWithCommasWhenPlanningABatch() {
        assertThat(adapter.plan(List.of(BTC, ETH, DOGE)))
                .containsExactly(
                        new TickerRequest("/0/public/Ticker?pair=XBTUSD,ETHUSD,XDGUSD", 1, List.of(BTC, ETH, DOGE)));
    }

    @Test
    void shouldAskForEveryPairInOneCallWhenMorePairsThanOneListTakes() {
        List<Listing> listings = IntStream.range(0, 4)
                .mapToObj(i -> new Listing("A" + i, "A" + i + "USD"))
                .toList();

        assertThat(new KrakenAdapter(3).plan(listings.subList(0, 3)))
                .singleElement()
                .satisfies(r -> assertThat(r.pathAndQuery()).isEqualTo("/0/public/Ticker?pair=A0USD,A1USD,A2USD"));
        assertThat(new KrakenAdapter(3).plan(listings))
                .containsExactly(new TickerRequest("/0/public/Ticker", 1, listings));
    }

    @Test
    void shouldQuoteOnlyTheAskedListingsWhenEveryPairAnswers() {
        List<Listing> listings = List.of(BTC, DOGE, new Listing("A1", "A1USD"), new Listing("A2", "A2USD"));
        String every = "{\"error\":[],\"result\":{"
                + "\"XXBTZUSD\":{\"c\":[\"30303.2\",\"0.1\"],\"v\":[\"1\",\"2\"]},"
                + "\"XDGUSD\":{\"c\":[\"0.12\",\"5\"],\"v\":[\"1\",\"2\"]},"
                + "\"A1USD\":{\"c\":[\"7.5\",\"1\"],\"v\":[\"1\",\"2\"]},"
                + "\"OTHERUSD\":{\"c\":[\"1.0\",\"1\"],\"v\":[\"1\",\"2\"]}}}";

        TickerRequest request = new KrakenAdapter(3).plan(listings).get(0);
        TickerResponse response = adapter.parse(request, 200, noHeaders(), every, RECEIVED);

        assertThat(request.pathAndQuery()).isEqualTo("/0/public/Ticker");
        assertThat(response.isFailure()).isFalse();
        assertThat(response.quotes()).extracting(Quote::symbol).containsExactly("BTC", "DOGE", "A1");
        assertThat(response.errors()).containsOnlyKeys("A2");
    }

    @Test
    void shouldMapKrakenResultKeyBackToSymbolWhenParsingDocumentedSample() {
        TickerResponse response = adapter.parse(
                adapter.plan(List.of(BTC)).get(0), 200, noHeaders(), body("kraken-ticker.json"), RECEIVED);

        assertThat(response.isFailure()).isFalse();
        assertThat(response.errors()).isEmpty();
        assertThat(response.quotes()).singleElement().satisfies(q -> {
            assertThat(q.exchange()).isEqualTo(ExchangeId.KRAKEN);
            assertThat(q.symbol()).isEqualTo("BTC");
            assertThat(q.price()).isEqualByComparingTo("30303.2");
            assertThat(q.volume()).isEqualByComparingTo("4412.73601799");
            assertThat(q.currency()).isEqualTo("USD");
            assertThat(q.timestamp()).isEqualTo(RECEIVED);
        });
    }

    @Test
    void shouldMapEachResultToItsSymbolWhenKeysMixKrakenAndRequestNames() {
        String answer = """
                {"error":[],"result":{
                  "XXBTZUSD":{"c":["30303.20000","0.1"],"v":["1","2"]},
                  "XDGUSD":{"c":["0.1234","10"],"v":["100","200"]},
                  "ETHUSD":{"c":["2000.5","1"],"v":["3","4"]}}}""";

        TickerResponse response =
                adapter.parse(adapter.plan(List.of(BTC, ETH, DOGE)).get(0), 200, noHeaders(), answer, RECEIVED);

        assertThat(response.errors()).isEmpty();
        assertThat(response.quotes())
                .extracting(Quote::symbol, q -> q.price().toPlainString())
                .containsExactly(
                        Tuple.tuple("BTC", "30303.20000"), Tuple.tuple("ETH", "2000.5"), Tuple.tuple("DOGE", "0.1234"));
    }

    @Test
    void shouldReportNotListedWhenAPairIsMissingFromResult() {
        TickerResponse response = adapter.parse(
                adapter.plan(List.of(BTC, DOGE)).get(0), 200, noHeaders(), body("kraken-ticker.json"), RECEIVED);

        assertThat(response.quotes()).extracting(Quote::symbol).containsExactly("BTC");
        assertThat(response.errors()).containsEntry("DOGE", "not listed");
    }

    @Test
    void shouldFailWholeCallAsClientErrorWhenKrakenReportsUnknownPair() {
        TickerResponse response = adapter.parse(
                adapter.plan(List.of(BTC, DOGE)).get(0),
                200,
                noHeaders(),
                body("kraken-error-unknown-pair.json"),
                RECEIVED);

        assertThat(response.failure().kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(response.failure().unknownPair()).isTrue();
        assertThat(response.failure().message()).contains("EQuery:Unknown asset pair");
    }

    @Test
    void shouldListTradingPairsUnderEveryNameWhenParsingAssetPairs() {
        assertThat(adapter.listingRequest().pathAndQuery()).isEqualTo("/0/public/AssetPairs");

        ListingResponse listing = adapter.parseListing(200, noHeaders(), body("kraken-asset-pairs.json"), RECEIVED);

        assertThat(listing.isFailure()).isFalse();
        // XETHZUSD is limit_only (orders still match); XREPZUSD is cancel_only
        assertThat(listing.tradeable())
                .containsExactlyInAnyOrder("XXBTZUSD", "XBTUSD", "XBT/USD", "XETHZUSD", "ETHUSD", "ETH/USD");
    }

    @Test
    void shouldFailTheListingWhenKrakenAnswersAnError() {
        assertThat(listingFailureKind(adapter, 200, "{\"error\":[\"EService:Unavailable\"]}", RECEIVED))
                .isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(listingFailureKind(adapter, 200, "{\"error\":[],\"result\":{}}", RECEIVED))
                .isEqualTo(FailureKind.MALFORMED);
    }

    @ParameterizedTest
    @CsvSource({
        "EGeneral:Too many requests, RATE_LIMITED",
        "EAPI:Rate limit exceeded, RATE_LIMITED",
        "EService:Unavailable, SERVER_ERROR",
        "EGeneral:Internal error, SERVER_ERROR"
    })
    void shouldClassifyFailureWhenErrorArrayIsNotEmpty(String error, FailureKind kind) {
        TickerResponse response = adapter.parse(
                adapter.plan(List.of(BTC)).get(0), 200, noHeaders(), "{\"error\":[\"" + error + "\"]}", RECEIVED);

        assertThat(response.failure().kind()).isEqualTo(kind);
        assertThat(response.failure().message()).contains(error);
    }

    @Test
    void shouldIgnoreWarningsWhenErrorArrayHoldsOnlyThem() {
        String answer =
                "{\"error\":[\"WGeneral:Deprecated\"],\"result\":{\"XXBTZUSD\":{\"c\":[\"30303.2\",\"1\"],\"v\":[\"1\",\"2\"]}}}";

        TickerResponse response = adapter.parse(adapter.plan(List.of(BTC)).get(0), 200, noHeaders(), answer, RECEIVED);

        assertThat(response.isFailure()).isFalse();
        assertThat(response.quotes()).hasSize(1);
    }

    @Test
    void shouldReportRateLimitedWhenStatusIs429AndServerErrorWhen5xx() {
        TickerRequest request = adapter.plan(List.of(BTC)).get(0);

        assertThat(adapter.parse(request, 429, Samples.retryAfter("2"), "", RECEIVED))
                .satisfies(r -> assertThat(r.failure().kind()).isEqualTo(FailureKind.RATE_LIMITED))
                .satisfies(r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        assertThat(failureKind(adapter, request, 520, "", RECEIVED)).isEqualTo(FailureKind.SERVER_ERROR);
    }

    @Test
    void shouldReportMalformedWhenBodyIsGarbage() {
        TickerRequest request = adapter.plan(List.of(BTC)).get(0);

        assertThat(failureKind(adapter, request, 200, "not json", RECEIVED)).isEqualTo(FailureKind.MALFORMED);
        assertThat(failureKind(adapter, request, 200, "{\"error\":[]}", RECEIVED))
                .isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void shouldReportPerSymbolErrorWhenLastTradeIsMissing() {
        String answer =
                "{\"error\":[],\"result\":{\"XXBTZUSD\":{\"v\":[\"1\",\"2\"]},\"XDGUSD\":{\"c\":[\"0.12\",\"1\"]}}}";

        TickerResponse response =
                adapter.parse(adapter.plan(List.of(BTC, DOGE)).get(0), 200, noHeaders(), answer, RECEIVED);

        assertThat(response.quotes()).singleElement().satisfies(q -> {
            assertThat(q.symbol()).isEqualTo("DOGE");
            assertThat(q.volume()).isNull();
        });
        assertThat(response.errors()).containsOnlyKeys("BTC");
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {"XBTUSD, USD", "XXBTZUSD, USD", "USDTUSD, USD", "XBTUSDT, USDT", "XBTUSDC, USDC", "XBTEUR, null"})
    void shouldDeriveQuoteCurrencyFromPairWhenParsing(String pair, String currency) {
        assertThat(KrakenAdapter.quoteCurrency(pair)).isEqualTo(currency);
    }

    @Test
    void shouldDeclareOneCallPerSecondWhenAsked() {
        assertThat(adapter.rateLimit()).isEqualTo(new ExchangeAdapter.RateLimit(1, Duration.ofSeconds(1)));
    }
}
