package io.pricewire.core.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.cache.InMemoryPriceCache;
import io.pricewire.core.exchange.CoinbaseAdapter;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.http.ExchangeClient;
import io.pricewire.core.exchange.http.ExchangeClientSettings;
import io.pricewire.core.exchange.http.ExchangeListener;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceStatus;
import io.pricewire.core.price.RejectedQuote;
import io.pricewire.core.store.InMemoryPriceStore;
import io.pricewire.core.store.WriteBehindQueue;
import io.pricewire.core.store.WriteBehindSettings;
import io.pricewire.testkit.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine wires the jump hold: an asset only Coinbase lists (served on loopback) jumps ×10; the engine publishes
 * the held price, with the jump as {@code unconfirmed}, then the jump once the next refresh sees it again. Store and
 * cache are in-memory fakes with the real newer-wins rule.
 */
class RefreshEngineJumpHoldTest {
    private static final Asset ADA =
            new Asset(900, "ADA", "Cardano", "cardano", Map.of(ExchangeId.COINBASE, new Listing("ADA", "ADA-USD")));

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final MutableClock clock = MutableClock.at("2026-11-26T12:00:00Z");
    private final InMemoryPriceStore store = new InMemoryPriceStore();
    private final InMemoryPriceCache cache = new InMemoryPriceCache();
    private volatile String coinbasePrice;
    private HttpServer coinbase;
    private RefreshEngine engine;
    private WriteBehindQueue storeWrites;

    @BeforeEach
    void start() throws IOException {
        coinbase = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        coinbase.createContext("/products/", exchange -> {
            byte[] body = ("{\"price\":\"" + coinbasePrice + "\",\"volume\":\"1000\",\"time\":\"" + clock.instant()
                            + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        coinbase.start();
        ExchangeClient client = new ExchangeClient(
                new CoinbaseAdapter(),
                URI.create("http://127.0.0.1:" + coinbase.getAddress().getPort()),
                HttpClient.newHttpClient(),
                ExchangeClientSettings.DEFAULT,
                Clock.systemUTC(),
                ExchangeListener.NONE,
                executor);
        storeWrites =
                new WriteBehindQueue(store, new WriteBehindSettings(100, 1, Duration.ofSeconds(10)), Clock.systemUTC());
        engine = new RefreshEngine(
                new AssetUniverse(List.of(ADA)),
                Map.of(ExchangeId.COINBASE, client),
                store,
                storeWrites,
                cache,
                RefreshSettings.defaults(),
                clock,
                RefreshListener.NONE);
    }

    @AfterEach
    void stop() {
        coinbase.stop(0);
        storeWrites.close();
        executor.shutdownNow();
    }

    @Test
    void shouldPublishTheHeldPriceThenTheJumpWhenTheNextRefreshSeesItAgain() {
        Price before = refreshAt("0.40");

        Price held = refreshAt("4.0");
        assertThat(held.price()).isEqualByComparingTo("0.40");
        assertThat(held.status()).isEqualTo(PriceStatus.DEGRADED);
        assertThat(held.timestamp()).isEqualTo(before.timestamp().plusMillis(1));
        assertThat(held.rejected())
                .containsExactly(new RejectedQuote(ExchangeId.COINBASE, new BigDecimal("4"), "unconfirmed"));
        assertThat(store.stored("ADA").orElse(null))
                .as("the held answer replaces the stored one")
                .isEqualTo(held);
        assertThat(cache.cached("ADA").orElse(null)).as("and is published").isEqualTo(held);

        Price confirmed = refreshAt("4.0");
        assertThat(confirmed.price()).isEqualByComparingTo("4");
        assertThat(confirmed.timestamp()).isEqualTo(clock.instant());
        assertThat(confirmed.rejected()).isEmpty();
        assertThat(cache.cached("ADA").orElse(null)).isEqualTo(confirmed);
    }

    /** One cold refresh, one cold interval after the last, with Coinbase quoting {@code price}. */
    private Price refreshAt(String price) {
        clock.advance(Duration.ofMinutes(5));
        coinbasePrice = price;
        RefreshResult result = engine.refresh(List.of(ADA), Tier.COLD, Trigger.LAMBDA);
        assertThat(result.report().exchangeErrors()).isEmpty();
        assertThat(engine.flush(Duration.ofSeconds(5)))
                .as("the table write drained")
                .isTrue();
        return result.prices().get("ADA");
    }
}
