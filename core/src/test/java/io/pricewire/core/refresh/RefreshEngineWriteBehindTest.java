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
import io.pricewire.core.store.InMemoryPriceStore;
import io.pricewire.core.store.WriteBehindQueue;
import io.pricewire.core.store.WriteBehindSettings;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's write order with in-memory store and cache behind a loopback Coinbase-shaped
 * exchange: the cache is written and published first, the store behind it, so a store that
 * holds every write does not hold up the refresh.
 */
class RefreshEngineWriteBehindTest {
    private static final Asset BTC =
            new Asset(1, "BTC", "Bitcoin", "bitcoin", Map.of(ExchangeId.COINBASE, new Listing("BTC", "BTC-USD")));
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final InMemoryPriceStore store = new InMemoryPriceStore();
    private final InMemoryPriceCache cache = new InMemoryPriceCache();
    private HttpServer exchange;
    private WriteBehindQueue storeWrites;
    private RefreshEngine engine;

    @BeforeEach
    void start() throws IOException {
        exchange = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        exchange.createContext("/products/", http -> {
            byte[] body = ("{\"price\":\"65000.5\",\"bid\":\"65000\",\"ask\":\"65001\",\"volume\":\"1\",\"time\":\""
                            + Instant.now() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            http.getResponseHeaders().add("Content-Type", "application/json");
            http.sendResponseHeaders(200, body.length);
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        });
        exchange.start();
        storeWrites = new WriteBehindQueue(
                store, new WriteBehindSettings(1_000, 2, Duration.ofSeconds(10)), Clock.systemUTC());
        ExchangeClient coinbase = new ExchangeClient(
                new CoinbaseAdapter(),
                URI.create("http://127.0.0.1:" + exchange.getAddress().getPort()),
                HttpClient.newHttpClient(),
                ExchangeClientSettings.DEFAULT,
                Clock.systemUTC(),
                ExchangeListener.NONE,
                executor);
        engine = new RefreshEngine(
                new AssetUniverse(List.of(BTC)),
                Map.of(ExchangeId.COINBASE, coinbase),
                store,
                storeWrites,
                cache,
                RefreshSettings.defaults(),
                Clock.systemUTC(),
                RefreshListener.NONE);
    }

    @AfterEach
    void stop() {
        store.release();
        storeWrites.close();
        exchange.stop(0);
        executor.shutdownNow();
    }

    @Test
    void shouldCacheAndPublishBeforeTheStoreHasTheWriteWhenTheStoreHoldsIt() {
        store.hold();

        RefreshResult result = engine.refresh(List.of(BTC), Tier.HOT, Trigger.TICKER);

        assertThat(result.prices()).containsKey("BTC");
        assertThat(cache.published()).extracting(Price::symbol).containsExactly("BTC");
        assertThat(store.stored("BTC")).as("the store is still held").isEmpty();
        assertThat(engine.storeBacklog() + store.puts().size()).isLessThanOrEqualTo(1);

        store.release();
        assertThat(engine.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(store.stored("BTC")).get().isEqualTo(result.prices().get("BTC"));
    }

    @Test
    void shouldReportSkippedAndNotQueueWhenTheCacheHoldsANewerPrice() {
        Price newer = new Price(
                "BTC",
                "USD",
                new BigDecimal("1"),
                Instant.now().plusSeconds(60),
                Tier.HOT,
                PriceStatus.OK,
                List.of(),
                List.of());
        cache.putIfNewer(newer, Duration.ofMinutes(1));

        RefreshResult result = engine.refresh(List.of(BTC), Tier.HOT, Trigger.TICKER);

        assertThat(result.report().skipped()).isEqualTo(1);
        assertThat(result.report().refreshed() + result.report().degraded()).isZero();
        assertThat(engine.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(store.puts()).isEmpty();
    }

    @Test
    void shouldQueueForTheStoreWhenTheCacheIsDown() {
        cache.down(true);

        RefreshResult result = engine.refresh(List.of(BTC), Tier.HOT, Trigger.TICKER);

        assertThat(result.report().skipped()).isZero();
        assertThat(engine.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(store.stored("BTC")).get().isEqualTo(result.prices().get("BTC"));
    }
}
