package io.pricewire.core.exchange.http;

import static io.pricewire.core.exchange.http.LoopbackExchange.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.exchange.BinanceAdapter;
import io.pricewire.core.exchange.CoinbaseAdapter;
import io.pricewire.core.exchange.ExchangeAdapter;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Samples;
import io.pricewire.testkit.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refresher against one loopback server speaking two exchanges: Binance's listing reads, Coinbase's
 * fails. A listing read within the interval is not read again; a failed one is tried at every ask.
 */
class ListingRefresherTest {
    private final MutableClock clock = MutableClock.ticking();
    private LoopbackExchange exchange;
    private ListingRefresher refresher;

    @BeforeEach
    void start() throws IOException {
        exchange = new LoopbackExchange()
                .route("/api/v3/exchangeInfo", e -> send(e, 200, Samples.body("binance-exchange-info.json")))
                .route("/products", e -> send(e, 502, "<html>Bad Gateway</html>"));
        refresher = new ListingRefresher(List.of(client(new BinanceAdapter()), client(new CoinbaseAdapter())), clock);
    }

    @AfterEach
    void stop() {
        exchange.close();
    }

    @Test
    void shouldReadEveryListingWhenAskedTheFirstTime() {
        Map<ExchangeId, Boolean> outcome = refresher.refreshDue();

        assertThat(outcome).isEqualTo(Map.of(ExchangeId.BINANCE, true, ExchangeId.COINBASE, false));
        assertThat(exchange.requestsTo("/api/v3/exchangeInfo")).hasSize(1);
        assertThat(exchange.requestsTo("/products")).hasSize(1);
    }

    @Test
    void shouldRetryOnlyTheFailedListingWhenAskedAgainWithinTheInterval() {
        refresher.refreshDue();
        clock.advance(Duration.ofMinutes(5));

        Map<ExchangeId, Boolean> outcome = refresher.refreshDue();

        assertThat(outcome).isEqualTo(Map.of(ExchangeId.COINBASE, false));
        assertThat(exchange.requestsTo("/api/v3/exchangeInfo")).hasSize(1);
        assertThat(exchange.requestsTo("/products")).hasSize(2);
    }

    @Test
    void shouldReadAListingAgainWhenTheIntervalHasPassed() {
        refresher.refreshDue();
        clock.advance(ListingRefresher.DEFAULT_INTERVAL);

        Map<ExchangeId, Boolean> outcome = refresher.refreshDue();

        assertThat(outcome).containsEntry(ExchangeId.BINANCE, true);
        assertThat(exchange.requestsTo("/api/v3/exchangeInfo")).hasSize(2);
    }

    private ExchangeClient client(ExchangeAdapter adapter) {
        return exchange.client(adapter, ExchangeClientSettings.DEFAULT, clock, ExchangeListener.NONE);
    }
}
