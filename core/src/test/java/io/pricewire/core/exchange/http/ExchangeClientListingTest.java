package io.pricewire.core.exchange.http;

import static io.pricewire.core.exchange.http.LoopbackExchange.binanceSymbols;
import static io.pricewire.core.exchange.http.LoopbackExchange.binanceTickers;
import static io.pricewire.core.exchange.http.LoopbackExchange.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.exchange.BinanceAdapter;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.ListingResponse;
import io.pricewire.core.exchange.Quote;
import io.pricewire.core.exchange.Samples;
import io.pricewire.core.exchange.TickerResponse;
import io.pricewire.core.exchange.TickerResponse.FailureKind;
import io.pricewire.core.exchange.http.LoopbackExchange.RecordingListener;
import io.pricewire.testkit.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's market listing against a loopback Binance that serves a real-shaped {@code exchangeInfo}
 * (BTCUSDT and ETHUSDT trading, LUNAUSDT in BREAK): pairs it does not list as trading are not asked for, and
 * a listing that cannot be read never stops the calls.
 */
class ExchangeClientListingTest {
    private static final List<Listing> LISTINGS =
            List.of(new Listing("BTC", "BTCUSDT"), new Listing("ETH", "ETHUSDT"), new Listing("LUNA", "LUNAUSDT"));

    private final MutableClock clock = MutableClock.ticking();
    private final RecordingListener listener = new RecordingListener();
    private volatile int listingStatus = 200;
    private volatile String listingBody = Samples.body("binance-exchange-info.json");
    private LoopbackExchange exchange;

    @BeforeEach
    void start() throws IOException {
        exchange = new LoopbackExchange()
                .route("/api/v3/exchangeInfo", e -> send(e, listingStatus, listingBody))
                .route("/api/v3/ticker/price", e -> send(e, 200, binanceTickers(binanceSymbols(e), "3.25")));
    }

    @AfterEach
    void stop() {
        exchange.close();
    }

    @Test
    void shouldLeaveOutPairsTheListingDoesNotNameAsTradingWhenTheListingWasRead() {
        ExchangeClient client = client();

        ListingResponse listing = client.refreshListings(Duration.ofSeconds(5));
        TickerResponse response = client.fetch(LISTINGS, Duration.ofSeconds(5)).join();

        assertThat(listing.tradeable()).containsExactlyInAnyOrder("BTCUSDT", "ETHUSDT");
        assertThat(exchange.requestsTo("/api/v3/exchangeInfo"))
                .containsExactly("/api/v3/exchangeInfo?showPermissionSets=false&symbolStatus=TRADING");
        assertThat(response.quotes()).extracting(Quote::symbol).containsExactlyInAnyOrder("BTC", "ETH");
        assertThat(response.errors()).containsOnlyKeys("LUNA");
        assertThat(exchange.requestsTo("/api/v3/ticker/price"))
                .singleElement()
                .isEqualTo("/api/v3/ticker/price?symbols=[\"BTCUSDT\",\"ETHUSDT\"]");
        assertThat(client.unlistedPairs()).isEqualTo(1);
        assertThat(listener.unlisted).isEqualTo(Map.of(ExchangeId.BINANCE, 1));
    }

    @Test
    void shouldAskForEveryPairWhenNoListingCouldBeReadYet() {
        listingStatus = 503;
        listingBody = "<html>Service Unavailable</html>";
        ExchangeClient client = client();

        ListingResponse listing = client.refreshListings(Duration.ofSeconds(5));
        TickerResponse response = client.fetch(LISTINGS, Duration.ofSeconds(5)).join();

        assertThat(listing.failure().kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(client.listedPairs()).isEmpty();
        assertThat(response.quotes()).extracting(Quote::symbol).containsExactlyInAnyOrder("BTC", "ETH", "LUNA");
        assertThat(client.unlistedPairs()).isZero();
    }

    @Test
    void shouldKeepTheLastListingWhenALaterListingCallFails() {
        ExchangeClient client = client();
        client.refreshListings(Duration.ofSeconds(5));

        for (String garbage :
                List.of("{\"code\":-1000,\"msg\":\"An unknown error occurred\"}", "[]", "{\"symbols\":[]}")) {
            listingBody = garbage;
            assertThat(client.refreshListings(Duration.ofSeconds(5)).isFailure())
                    .as(garbage)
                    .isTrue();
        }
        TickerResponse response = client.fetch(LISTINGS, Duration.ofSeconds(5)).join();

        assertThat(client.listedPairs())
                .hasValueSatisfying(p -> assertThat(p).containsExactlyInAnyOrder("BTCUSDT", "ETHUSDT"));
        assertThat(response.quotes()).extracting(Quote::symbol).containsExactlyInAnyOrder("BTC", "ETH");
        assertThat(listener.outcomes).contains("malformed");
    }

    @Test
    void shouldAskForAPairAgainWhenANewerListingNamesItAsTrading() {
        ExchangeClient client = client();
        client.refreshListings(Duration.ofSeconds(5));
        client.fetch(LISTINGS, Duration.ofSeconds(5)).join();

        listingBody = listingBody.replace("\"status\":\"BREAK\"", "\"status\":\"TRADING\"");
        client.refreshListings(Duration.ofSeconds(5));
        TickerResponse response = client.fetch(LISTINGS, Duration.ofSeconds(5)).join();

        assertThat(response.quotes()).extracting(Quote::symbol).containsExactlyInAnyOrder("BTC", "ETH", "LUNA");
        assertThat(listener.unlisted).isEqualTo(Map.of(ExchangeId.BINANCE, 0));
    }

    private ExchangeClient client() {
        return exchange.client(new BinanceAdapter(), ExchangeClientSettings.DEFAULT, clock, listener);
    }
}
