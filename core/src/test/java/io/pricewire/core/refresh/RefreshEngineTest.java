package io.pricewire.core.refresh;

import static io.pricewire.core.exchange.ExchangeId.BINANCE;
import static io.pricewire.core.exchange.ExchangeId.COINBASE;
import static io.pricewire.core.exchange.ExchangeId.KRAKEN;
import static io.pricewire.core.exchange.ExchangeId.OKX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.cache.InMemoryPriceCache;
import io.pricewire.core.cache.PriceCache;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.TickerResponse.FailureKind;
import io.pricewire.core.exchange.http.Lane;
import io.pricewire.core.history.HistoryTap;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceStatus;
import io.pricewire.core.price.RejectedQuote;
import io.pricewire.core.price.SourcePrice;
import io.pricewire.core.refresh.FakeTickerSource.Call;
import io.pricewire.core.store.InMemoryPriceStore;
import io.pricewire.core.store.WriteBehindQueue;
import io.pricewire.core.store.WriteBehindSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The refresh engine on its own, with every neighbour in memory: the exchanges ({@link FakeTickerSource}), the
 * cache and the store (newer-wins like Redis and the table) and a write-behind queue without workers, so a price
 * reaches the store only when a test flushes it and what is queued can be counted.
 */
class RefreshEngineTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Asset BTC = asset(
            1,
            "BTC",
            Map.of(
                    BINANCE,
                    new Listing("BTC", "BTCUSDT"),
                    COINBASE,
                    new Listing("BTC", "BTC-USD"),
                    KRAKEN,
                    new Listing("BTC", "XBTUSD"),
                    OKX,
                    new Listing("BTC", "BTC-USDT")));
    private static final Asset ETH =
            asset(2, "ETH", Map.of(BINANCE, new Listing("ETH", "ETHUSDT"), COINBASE, new Listing("ETH", "ETH-USD")));
    private static final Asset USDT = asset(
            3, "USDT", Map.of(COINBASE, new Listing("USDT", "USDT-USD"), KRAKEN, new Listing("USDT", "USDTZUSD")));
    private static final Asset USDC =
            asset(6, "USDC", Map.of(COINBASE, new Listing("USDC", "USDC-USD"), KRAKEN, new Listing("USDC", "USDCUSD")));
    private static final Asset DOT =
            asset(300, "DOT", Map.of(COINBASE, new Listing("DOT", "DOT-USD"), KRAKEN, new Listing("DOT", "DOTUSD")));
    private static final Asset ADA = asset(900, "ADA", Map.of(COINBASE, new Listing("ADA", "ADA-USD")));
    private static final AssetUniverse UNIVERSE = new AssetUniverse(List.of(BTC, ETH, USDT, USDC, DOT, ADA));

    private final Map<ExchangeId, FakeTickerSource> exchanges = new EnumMap<>(ExchangeId.class);
    private final InMemoryPriceStore store = new InMemoryPriceStore();
    private final RecordingCache cache = new RecordingCache();
    private final List<RefreshReport> reports = new CopyOnWriteArrayList<>();
    private WriteBehindQueue storeWrites;
    private RefreshEngine engine;

    @BeforeEach
    void start() {
        for (ExchangeId id : ExchangeId.values()) {
            exchanges.put(id, new FakeTickerSource(id));
        }
        useStoreQueueOf(1_000);
    }

    @AfterEach
    void stop() {
        storeWrites.close();
    }

    @Test
    void shouldAskOnlyTheExchangesThatListTheBatch() {
        storeHoldsRates();
        exchange(COINBASE).quotes("ADA", "0.40", NOW);

        engine.refresh(List.of(ADA), Tier.COLD, Trigger.LAMBDA);

        assertThat(exchange(COINBASE).pairsAsked()).containsExactly("ADA-USD");
        assertThat(exchange(BINANCE).calls()).isEmpty();
        assertThat(exchange(KRAKEN).calls()).isEmpty();
        assertThat(exchange(OKX).calls()).isEmpty();
    }

    @Test
    void shouldAskEachExchangeOnceForTheScarcestAssetsFirst() {
        storeHoldsRates();

        engine.refresh(List.of(BTC, ETH, ADA, DOT), Tier.MEDIUM, Trigger.TICKER);

        assertThat(exchange(COINBASE).calls()).hasSize(1);
        assertThat(exchange(COINBASE).pairsAsked()).containsExactly("ADA-USD", "ETH-USD", "DOT-USD", "BTC-USD");
        assertThat(exchange(KRAKEN).pairsAsked()).containsExactly("DOTUSD", "XBTUSD");
        assertThat(exchange(BINANCE).pairsAsked()).containsExactly("ETHUSDT", "BTCUSDT");
    }

    @ParameterizedTest
    @CsvSource({
        "HOT, TICKER, PRIORITY",
        "MEDIUM, TICKER, SHARED",
        "COLD, LAMBDA, SHARED",
        "MEDIUM, WARMUP, SHARED",
        "HOT, MISS, PRIORITY",
        "COLD, MISS, SHARED_OR_SPARE_PRIORITY",
        "MEDIUM, API, PRIORITY"
    })
    void shouldDrawOnTheTriggersLaneWithinTheTiersBudget(Tier tier, Trigger trigger, Lane lane) {
        storeHoldsRates();

        RefreshReport report = engine.refresh(List.of(ADA), tier, trigger).report();

        assertThat(exchange(COINBASE).calls())
                .containsExactly(new Call(
                        List.of("ADA-USD"),
                        RefreshSettings.defaults().fetchBudget().get(tier),
                        lane));
        assertThat(report.tier()).isEqualTo(tier.label());
        assertThat(report.trigger()).isEqualTo(trigger.label());
    }

    @Test
    void shouldGiveTheExchangesTheBudgetTheCallerSets() {
        storeHoldsRates();

        engine.refresh(List.of(ADA), Tier.COLD, Trigger.MISS, Duration.ofSeconds(2));

        assertThat(exchange(COINBASE).calls()).extracting(Call::budget).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void shouldCallTheGivenExchangesWhenRefreshingVia() {
        storeHoldsRates();
        FakeTickerSource share = new FakeTickerSource(COINBASE).quotes("ADA", "0.40", NOW);

        RefreshResult result = engine.refreshVia(Map.of(COINBASE, share), List.of(ADA), Tier.MEDIUM, Trigger.TICKER);

        assertThat(share.pairsAsked()).containsExactly("ADA-USD");
        assertThat(exchange(COINBASE).calls()).isEmpty();
        assertThat(result.prices().get("ADA").price()).isEqualByComparingTo("0.40");
    }

    @Test
    void shouldConvertUsdtQuotesWithTheBatchsOwnUsdtAggregate() {
        usdtQuotedAt("0.98");
        btcQuotedAt("51000", "50000");

        RefreshResult result = engine.refresh(List.of(USDT, BTC), Tier.HOT, Trigger.TICKER);

        Price btc = result.prices().get("BTC");
        assertThat(source(btc, BINANCE)).isEqualByComparingTo("49980");
        assertThat(btc.rejected()).isEmpty();
        assertThat(result.prices()).containsOnlyKeys("USDT", "BTC");
    }

    @Test
    void shouldConvertWithTheLastKnownRatesWithoutFetchingTheStablecoinsAgain() {
        usdtQuotedAt("0.98");
        exchange(COINBASE).quotes("USDC", "1.0", NOW);
        exchange(KRAKEN).quotes("USDC", "1.0", NOW);
        engine.refresh(List.of(USDT, USDC), Tier.HOT, Trigger.TICKER);
        exchange(BINANCE).quotes("ETH", "3060", "USDT", NOW);
        exchange(COINBASE).quotes("ETH", "3000", NOW);

        RefreshResult result = engine.refresh(List.of(ETH), Tier.HOT, Trigger.TICKER);

        assertThat(exchange(COINBASE).calls().getLast().pairs()).containsExactly("ETH-USD");
        assertThat(exchange(KRAKEN).calls())
                .as("only the first refresh asked Kraken")
                .hasSize(1);
        assertThat(source(result.prices().get("ETH"), BINANCE)).isEqualByComparingTo("2998.8");
    }

    @Test
    void shouldConvertWithTheStoresRatesWhenTheEngineKnowsNone() {
        store.putIfNewer(stablecoin("USDT", "0.97", NOW.minus(Duration.ofMinutes(5))));
        store.putIfNewer(stablecoin("USDC", "1.00", NOW.minus(Duration.ofMinutes(5))));
        exchange(BINANCE).quotes("ETH", "3000", "USDT", NOW);
        exchange(COINBASE).quotes("ETH", "2910", NOW);

        RefreshResult result = engine.refresh(List.of(ETH), Tier.HOT, Trigger.TICKER);

        assertThat(exchange(COINBASE).pairsAsked()).containsExactly("ETH-USD");
        assertThat(source(result.prices().get("ETH"), BINANCE)).isEqualByComparingTo("2910");
    }

    @Test
    void shouldFetchTheStablecoinsAlongWhenTheStoresRatesAreTooOld() {
        store.putIfNewer(stablecoin("USDT", "0.97", NOW.minus(Duration.ofMinutes(11))));
        store.putIfNewer(stablecoin("USDC", "1.00", NOW.minus(Duration.ofMinutes(11))));
        usdtQuotedAt("0.99");
        exchange(BINANCE).quotes("ETH", "3000", "USDT", NOW);
        exchange(COINBASE).quotes("ETH", "2970", NOW);

        RefreshResult result = engine.refresh(List.of(ETH), Tier.HOT, Trigger.TICKER);

        assertThat(exchange(COINBASE).pairsAsked()).containsExactly("ETH-USD", "USDT-USD", "USDC-USD");
        assertThat(source(result.prices().get("ETH"), BINANCE)).isEqualByComparingTo("2970");
        assertThat(result.prices())
                .as("the stablecoin fetched along is not the caller's")
                .containsOnlyKeys("ETH");
        assertThat(result.report().requested()).isEqualTo(1);
        assertThat(cache.memory.cached("USDT"))
                .as("but its fresh aggregate is published")
                .isPresent();
    }

    @Test
    void shouldRejectUsdtQuotesWhenTheOnlyUsdtRateIsASingleSourceOffThePeg() {
        exchange(COINBASE).quotes("USDT", "1.05", NOW);
        btcQuotedAt("52500", "50000");

        RefreshResult result = engine.refresh(List.of(USDT, BTC), Tier.HOT, Trigger.TICKER);

        Price btc = result.prices().get("BTC");
        assertThat(btc.rejected())
                .extracting(RejectedQuote::exchange, RejectedQuote::reason)
                .containsExactly(tuple(BINANCE, "no_fx_rate"));
        assertThat(btc.price()).isEqualByComparingTo("50000");
        assertThat(result.prices().get("USDT").status())
                .as("the depeg itself is published")
                .isEqualTo(PriceStatus.DEGRADED);
    }

    @Test
    void shouldCountOkDegradedAndFailedAssetsInTheReport() {
        storeHoldsRates();
        exchange(COINBASE).quotes("BTC", "50000", NOW).quotes("ADA", "0.40", NOW);
        exchange(KRAKEN).quotes("BTC", "50010", NOW);

        RefreshResult result = engine.refresh(List.of(BTC, ADA, DOT), Tier.MEDIUM, Trigger.TICKER);

        RefreshReport report = result.report();
        assertThat(List.of(
                        report.requested(),
                        report.refreshed(),
                        report.degraded(),
                        report.failed(),
                        report.skipped(),
                        report.storeFailures()))
                .containsExactly(3, 1, 1, 1, 0, 0);
        assertThat(result.prices()).containsOnlyKeys("BTC", "ADA");
        assertThat(result.prices().get("BTC").status()).isEqualTo(PriceStatus.OK);
        assertThat(report.exchangeErrors())
                .as("a pair without a ticker is no exchange failure")
                .isEmpty();
        assertThat(reports).containsExactly(report);
    }

    @Test
    void shouldCacheEveryPriceBeforeQueueingAnyForTheStore() {
        storeHoldsRates();
        btcQuotedAt("50000", "50000");
        exchange(COINBASE).quotes("ADA", "0.40", NOW);

        RefreshResult result = engine.refresh(List.of(BTC, ADA), Tier.HOT, Trigger.TICKER);

        assertThat(cache.queuedAtEachWrite)
                .as("prices queued for the store when each cache write began")
                .containsExactly(0, 0);
        assertThat(cache.memory.published()).extracting(Price::symbol).containsExactlyInAnyOrder("BTC", "ADA");
        assertThat(engine.storeBacklog()).isEqualTo(2);
        assertThat(store.stored("BTC"))
                .as("nothing reaches the store before the queue drains")
                .isEmpty();
        assertThat(engine.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(store.stored("BTC")).contains(result.prices().get("BTC"));
        assertThat(store.stored("ADA")).contains(result.prices().get("ADA"));
    }

    @Test
    void shouldSkipAndNotQueueAPriceWhenTheCacheHoldsANewerOne() {
        storeHoldsRates();
        cache.memory.putIfNewer(stablecoin("BTC", "49000", NOW.plusSeconds(1)), Duration.ofMinutes(1));
        exchange(COINBASE).quotes("BTC", "50000", NOW).quotes("ADA", "0.40", NOW);

        RefreshReport report =
                engine.refresh(List.of(BTC, ADA), Tier.HOT, Trigger.TICKER).report();

        assertThat(List.of(report.refreshed(), report.degraded(), report.skipped()))
                .as("refreshed, degraded, skipped")
                .containsExactly(0, 1, 1);
        assertThat(engine.storeBacklog()).isEqualTo(1);
        assertThat(engine.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(store.stored("BTC")).isEmpty();
        assertThat(store.stored("ADA")).isPresent();
    }

    @Test
    void shouldPublishEachPriceWithItsChange24hAndRecordOnlyThosePublished() {
        storeHoldsRates();
        cache.memory.putIfNewer(stablecoin("BTC", "49000", NOW.plusSeconds(1)), Duration.ofMinutes(1));
        exchange(COINBASE).quotes("BTC", "50000", NOW).quotes("ADA", "0.40", NOW);
        List<Price> recorded = new CopyOnWriteArrayList<>();
        AtomicInteger flushes = new AtomicInteger();
        HistoryTap tap = new HistoryTap() {
            @Override
            public List<Price> beforePublish(List<Price> prices) {
                return prices.stream().map(this::beforePublishNow).toList();
            }

            @Override
            public Price beforePublishNow(Price price) {
                return price.withChange24h(new BigDecimal("-4.20"));
            }

            @Override
            public void published(Price price) {
                recorded.add(price);
            }

            @Override
            public boolean flush() {
                flushes.incrementAndGet();
                return true;
            }
        };
        RefreshEngine withHistory = new RefreshEngine(
                UNIVERSE, exchanges, store, storeWrites, cache, RefreshSettings.defaults(), clock(), reports::add, tap);

        RefreshResult result = withHistory.refresh(List.of(BTC, ADA), Tier.HOT, Trigger.TICKER);

        assertThat(result.prices().get("ADA").change24h()).isEqualByComparingTo("-4.20");
        assertThat(cache.memory.published())
                .filteredOn(p -> p.symbol().equals("ADA"))
                .extracting(Price::change24h)
                .containsExactly(new BigDecimal("-4.20"));
        assertThat(recorded)
                .as("BTC lost to a newer cached price")
                .extracting(Price::symbol)
                .containsExactly("ADA");
        assertThat(withHistory.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(flushes).hasValue(1);
    }

    @Test
    void shouldQueueForTheStoreWhenTheCacheIsUnreachable() {
        storeHoldsRates();
        cache.memory.down(true);
        btcQuotedAt("50000", "50000");

        RefreshResult result = engine.refresh(List.of(BTC), Tier.HOT, Trigger.TICKER);

        assertThat(result.report().refreshed()).isEqualTo(1);
        assertThat(result.report().skipped()).isZero();
        assertThat(engine.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(store.stored("BTC")).contains(result.prices().get("BTC"));
    }

    @Test
    void shouldQueueForTheStoreWhenTheCacheCallThrows() {
        storeHoldsRates();
        cache.throwing = true;
        btcQuotedAt("50000", "50000");

        RefreshResult result = engine.refresh(List.of(BTC), Tier.HOT, Trigger.TICKER);

        assertThat(result.report().refreshed()).isEqualTo(1);
        assertThat(engine.storeBacklog()).isEqualTo(1);
    }

    @Test
    void shouldCountTheWritesAFullStoreQueueDropped() {
        storeHoldsRates();
        useStoreQueueOf(1);
        btcQuotedAt("50000", "50000");
        exchange(COINBASE).quotes("ADA", "0.40", NOW);

        RefreshReport report =
                engine.refresh(List.of(BTC, ADA), Tier.HOT, Trigger.TICKER).report();

        assertThat(report.storeFailures()).isEqualTo(1);
        assertThat(engine.storeBacklog()).isEqualTo(1);
    }

    @Test
    void shouldReportEachFailedExchangeAndPriceFromTheOthers() {
        storeHoldsRates();
        exchange(BINANCE).fails(FailureKind.TIMEOUT, "no answer within 3000 ms");
        exchange(OKX).fails(FailureKind.RATE_LIMITED, "HTTP 429");
        exchange(COINBASE).quotes("BTC", "50000", NOW);
        exchange(KRAKEN).quotes("BTC", "50010", NOW);

        RefreshResult result = engine.refresh(List.of(BTC, ADA), Tier.HOT, Trigger.TICKER);

        assertThat(result.report().exchangeErrors())
                .containsOnly(
                        entry("binance", "timeout: no answer within 3000 ms"), entry("okx", "rate_limited: HTTP 429"));
        assertThat(result.prices().get("BTC").status()).isEqualTo(PriceStatus.OK);
        assertThat(result.report().failed()).as("ADA: Coinbase had no ticker").isEqualTo(1);
    }

    /** Rebuilds the engine over a store queue of {@code capacity} symbols, without workers. */
    private void useStoreQueueOf(int capacity) {
        if (storeWrites != null) {
            storeWrites.close();
        }
        storeWrites =
                new WriteBehindQueue(store, new WriteBehindSettings(capacity, 0, Duration.ofSeconds(10)), clock());
        engine = new RefreshEngine(
                UNIVERSE, exchanges, store, storeWrites, cache, RefreshSettings.defaults(), clock(), reports::add);
    }

    /** Fresh USDT and USDC rates in the store, so that a batch without them fetches no stablecoin. */
    private void storeHoldsRates() {
        store.putIfNewer(stablecoin("USDT", "1.00", NOW));
        store.putIfNewer(stablecoin("USDC", "1.00", NOW));
    }

    private void usdtQuotedAt(String usd) {
        exchange(COINBASE).quotes("USDT", usd, NOW);
        exchange(KRAKEN).quotes("USDT", usd, NOW);
    }

    /** BTC on Binance in USDT, and in USD on Coinbase and Kraken. */
    private void btcQuotedAt(String binanceUsdt, String usd) {
        exchange(BINANCE).quotes("BTC", binanceUsdt, "USDT", NOW);
        exchange(COINBASE).quotes("BTC", usd, NOW);
        exchange(KRAKEN).quotes("BTC", usd, NOW);
    }

    private FakeTickerSource exchange(ExchangeId id) {
        return exchanges.get(id);
    }

    private static BigDecimal source(Price price, ExchangeId exchange) {
        return price.sources().stream()
                .filter(s -> s.exchange() == exchange)
                .map(SourcePrice::price)
                .findFirst()
                .orElseThrow();
    }

    /** A consensus aggregate of {@code symbol} (two exchanges agreeing) at {@code at}. */
    private static Price stablecoin(String symbol, String usd, Instant at) {
        BigDecimal price = new BigDecimal(usd);
        return new Price(
                symbol,
                "USD",
                price,
                at,
                Tier.HOT,
                PriceStatus.OK,
                List.of(new SourcePrice(COINBASE, price, at), new SourcePrice(KRAKEN, price, at)),
                List.of());
    }

    private static Asset asset(int rank, String symbol, Map<ExchangeId, Listing> listings) {
        return new Asset(rank, symbol, symbol, symbol.toLowerCase(Locale.ROOT), listings);
    }

    private static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** The in-memory cache, noting how many prices were queued for the store as each cache write began. */
    private final class RecordingCache implements PriceCache {
        final InMemoryPriceCache memory = new InMemoryPriceCache();
        final List<Integer> queuedAtEachWrite = new CopyOnWriteArrayList<>();
        volatile boolean throwing;

        @Override
        public CompletionStage<Optional<Price>> get(String symbol) {
            return memory.get(symbol);
        }

        @Override
        public CompletionStage<Map<String, Price>> getAll(Collection<String> symbols) {
            return memory.getAll(symbols);
        }

        @Override
        public CompletionStage<Boolean> putIfNewer(Price price, Duration ttl) {
            queuedAtEachWrite.add(storeWrites.backlog());
            if (throwing) {
                throw new IllegalStateException("connection closed");
            }
            return memory.putIfNewer(price, ttl);
        }
    }
}
