package io.pricewire.core.exchange.http;

import static io.pricewire.core.exchange.http.LoopbackExchange.binanceSymbols;
import static io.pricewire.core.exchange.http.LoopbackExchange.binanceTickers;
import static io.pricewire.core.exchange.http.LoopbackExchange.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.exchange.BinanceAdapter;
import io.pricewire.core.exchange.ExchangeAdapter;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.KrakenAdapter;
import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.Quote;
import io.pricewire.core.exchange.Samples;
import io.pricewire.core.exchange.TickerResponse;
import io.pricewire.core.exchange.http.LoopbackExchange.RecordingListener;
import io.pricewire.testkit.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against loopback Binance- and Kraken-shaped endpoints that refuse a whole list call for one unknown
 * pair, as the real ones do: the bad pair is found, the others are quoted, and the bad pair is not asked for again.
 */
class ExchangeClientUnlistedPairsTest {

    private final MutableClock clock = MutableClock.ticking();
    private final RecordingListener listener = new RecordingListener();
    /** Pairs the loopback exchange does not know. */
    private final Set<String> unknown = ConcurrentHashMap.newKeySet();

    private LoopbackExchange exchange;

    @BeforeEach
    void start() throws IOException {
        exchange = new LoopbackExchange()
                .route("/api/v3/ticker/price", e -> {
                    List<String> symbols = binanceSymbols(e);
                    if (symbols.stream().anyMatch(unknown::contains)) {
                        send(e, 400, Samples.body("binance-error-invalid-symbol.json"));
                        return;
                    }
                    send(e, 200, binanceTickers(symbols, "10.50000000"));
                })
                .route("/0/public/Ticker", e -> {
                    String query = e.getRequestURI().getRawQuery();
                    List<String> pairs =
                            List.of(query.substring("pair=".length()).split(","));
                    if (pairs.stream().anyMatch(unknown::contains)) {
                        send(e, 200, Samples.body("kraken-error-unknown-pair.json"));
                        return;
                    }
                    String result = pairs.stream()
                            .map(p -> "\"" + p + "\":{\"c\":[\"20.1\",\"1\"],\"v\":[\"1\",\"2\"]}")
                            .collect(Collectors.joining(",", "{", "}"));
                    send(e, 200, "{\"error\":[],\"result\":" + result + "}");
                });
    }

    @AfterEach
    void stop() {
        exchange.close();
    }

    @Test
    void shouldQuoteTheOtherPairsAndRememberTheUnknownOneWhenBinanceRefusesTheList() {
        List<Listing> listings = IntStream.range(0, 8)
                .mapToObj(i -> new Listing("A" + i, "A" + i + "USDT"))
                .toList();
        unknown.add("A5USDT");
        ExchangeClient client = client(new BinanceAdapter(), ExchangeClientSettings.DEFAULT);

        TickerResponse first = client.fetch(listings, Duration.ofSeconds(5)).join();

        assertThat(first.failure()).isNull();
        assertThat(first.quotes())
                .extracting(Quote::symbol)
                .containsExactlyInAnyOrder("A0", "A1", "A2", "A3", "A4", "A6", "A7");
        assertThat(first.errors()).containsOnlyKeys("A5");
        assertThat(first.errors().get("A5")).contains("Invalid symbol.");
        assertThat(listener.outcomes).contains("client_error").doesNotContain("server_error");
        assertThat(listener.unlisted).containsEntry(ExchangeId.BINANCE, 1);
        assertThat(client.unlistedPairs()).isEqualTo(1);

        int before = exchange.requests.size();
        TickerResponse second = client.fetch(listings, Duration.ofSeconds(5)).join();

        assertThat(second.quotes()).hasSize(7);
        assertThat(exchange.requests.subList(before, exchange.requests.size()))
                .singleElement()
                .satisfies(r -> assertThat(r).doesNotContain("A5USDT"));
    }

    @Test
    void shouldNotOpenTheBreakerWhenEveryCallNamesAnUnknownPair() {
        unknown.add("GONEUSDT");
        ExchangeClient client =
                client(new BinanceAdapter(), ExchangeClientSettings.DEFAULT.withUnlistedRecheck(Duration.ofMillis(1)));

        for (int i = 0; i < 12; i++) {
            // the recheck is a millisecond: every fetch asks again and is refused again
            clock.advance(Duration.ofSeconds(1));
            client.fetch(List.of(new Listing("GONE", "GONEUSDT")), Duration.ofSeconds(2))
                    .join();
        }

        assertThat(listener.outcomes).hasSize(12).containsOnly("client_error");
        assertThat(listener.breakerChanges).as("the breaker stayed closed").isEmpty();
    }

    @Test
    void shouldAskForAnUnknownPairAgainOnceTheRecheckTimeHasPassed() {
        unknown.add("A1USDT");
        ExchangeClient client = client(new BinanceAdapter(), ExchangeClientSettings.DEFAULT);
        List<Listing> listings = List.of(new Listing("A0", "A0USDT"), new Listing("A1", "A1USDT"));
        client.fetch(listings, Duration.ofSeconds(5)).join();
        assertThat(client.unlistedPairs()).isEqualTo(1);

        unknown.clear(); // relisted
        clock.advance(ExchangeClientSettings.DEFAULT_UNLISTED_RECHECK.plusSeconds(1));
        TickerResponse again = client.fetch(listings, Duration.ofSeconds(5)).join();

        assertThat(again.quotes()).extracting(Quote::symbol).containsExactlyInAnyOrder("A0", "A1");
        assertThat(client.unlistedPairs()).isZero();
        assertThat(listener.unlisted).containsEntry(ExchangeId.BINANCE, 0);
    }

    @Test
    void shouldQuoteTheOtherPairsWhenKrakenAnswersUnknownAssetPair() {
        unknown.add("GONEUSD");
        ExchangeClient client = client(new KrakenAdapter(), ExchangeClientSettings.DEFAULT);

        // Kraken allows about one call a second: the whole list, then each half
        TickerResponse response = client.fetch(
                        List.of(new Listing("BTC", "XBTUSD"), new Listing("GONE", "GONEUSD")), Duration.ofSeconds(8))
                .join();

        assertThat(response.failure()).isNull();
        assertThat(response.quotes()).extracting(Quote::symbol).containsExactly("BTC");
        assertThat(response.errors()).containsOnlyKeys("GONE");
        assertThat(exchange.requestsTo("/0/public/Ticker"))
                .containsExactlyInAnyOrder(
                        "/0/public/Ticker?pair=XBTUSD,GONEUSD",
                        "/0/public/Ticker?pair=XBTUSD",
                        "/0/public/Ticker?pair=GONEUSD");
        assertThat(client.unlistedPairs()).isEqualTo(1);
    }

    @Test
    void shouldGoOnNarrowingInTheNextFetchWhenTheBudgetEndsTheSearch() {
        unknown.add("GONEUSD");
        ExchangeClient client = client(new KrakenAdapter(), ExchangeClientSettings.DEFAULT);
        List<Listing> listings = List.of(
                new Listing("BTC", "XBTUSD"),
                new Listing("ETH", "ETHUSD"),
                new Listing("GONE", "GONEUSD"),
                new Listing("SOL", "SOLUSD"));

        // one call's worth of Kraken's rate: the list is refused and there is no time to split it
        TickerResponse cut = client.fetch(listings, Duration.ofMillis(600)).join();
        assertThat(cut.quotes()).isEmpty();
        // the next fetches ask for the suspects apart and narrow them down, never the whole refused list again
        for (int i = 0; i < 6 && client.unlistedPairs() == 0; i++) {
            client.fetch(listings, Duration.ofMillis(1500)).join();
        }

        assertThat(client.unlistedPairs()).as("%s", exchange.requests).isEqualTo(1);
        assertThat(exchange.requestsTo("/0/public/Ticker"))
                .filteredOn(r -> r.equals("/0/public/Ticker?pair=XBTUSD,ETHUSD,GONEUSD,SOLUSD"))
                .hasSize(1);
        TickerResponse settled = client.fetch(listings, Duration.ofSeconds(3)).join();
        assertThat(settled.quotes()).extracting(Quote::symbol).containsExactlyInAnyOrder("BTC", "ETH", "SOL");
    }

    private ExchangeClient client(ExchangeAdapter adapter, ExchangeClientSettings settings) {
        return exchange.client(adapter, settings, clock, listener);
    }
}
