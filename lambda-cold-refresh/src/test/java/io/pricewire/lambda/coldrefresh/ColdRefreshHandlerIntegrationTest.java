package io.pricewire.lambda.coldrefresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.asset.TierBoundaries;
import io.pricewire.core.cache.RedisKeys;
import io.pricewire.core.cache.redis.RedisPriceCache;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.history.Bucket;
import io.pricewire.core.history.Candle;
import io.pricewire.core.history.Resolution;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceStatus;
import io.pricewire.core.price.SourcePrice;
import io.pricewire.core.price.WirePrice;
import io.pricewire.core.refresh.RefreshSettings;
import io.pricewire.sim.ExchangeSim;
import io.pricewire.sim.Fault;
import io.pricewire.testkit.Await;
import io.pricewire.testkit.FreePort;
import io.pricewire.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler end to end against real Redis, dynalite and the exchange simulator, fed the sample
 * EventBridge event. A small cold tier (the first {@value #COLD_ASSETS} cold ranks) keeps each run
 * to a few seconds; {@link FullColdRefreshIntegrationTest} runs all of them.
 */
class ColdRefreshHandlerIntegrationTest {
    private static final int COLD_ASSETS = 30;
    private static final int REDIS_DB = 1;
    private static final BigDecimal ONE_PERCENT = new BigDecimal("0.01");
    private static final Duration COLD_TTL =
            RefreshSettings.defaults().cacheTtl().get(Tier.COLD);
    private static final AssetUniverse UNIVERSE = TestSupport.universeWithColdAssets(COLD_ASSETS);
    private static final List<Asset> COLD = UNIVERSE.inTier(Tier.COLD, TierBoundaries.DEFAULT);
    private static final String KRAKEN_ONLY = "RAJYWU";
    private static final String BINANCE_ONLY = "BEDIHO";

    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, byte[]> redis;
    private static StatefulRedisPubSubConnection<String, byte[]> subscriber;
    private static final Map<String, Price> published = new ConcurrentHashMap<>();

    private final ExchangeSim sim = TestSupport.sim();
    private final ByteArrayOutputStream emfOut = new ByteArrayOutputStream();
    private final MutableClock clock = MutableClock.ticking();
    private ColdRefreshWiring wiring;
    private ColdRefreshHandler handler;

    @BeforeAll
    static void connectToRedis() {
        redisClient = RedisClient.create(RedisURI.create(TestSupport.redisUri(REDIS_DB)));
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        redis = redisClient.connect(codec);
        subscriber = redisClient.connectPubSub(codec);
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, byte[] message) {
                Price p = WirePrice.read(message).price();
                published.merge(p.symbol(), p, (old, fresh) -> fresh.isNewerThan(old) ? fresh : old);
            }
        });
        subscriber.sync().subscribe(RedisKeys.PRICE_CHANNEL);
    }

    @AfterAll
    static void disconnect() {
        subscriber.close();
        redis.close();
        redisClient.shutdown();
    }

    @BeforeEach
    void wire() {
        redis.sync().flushdb();
        published.clear();
        wiring = wire(TestSupport.config(TestSupport.redisUri(REDIS_DB)));
        handler = new ColdRefreshHandler(wiring.job());
    }

    @AfterEach
    void close() {
        sim.clearAllFaults();
        wiring.close();
    }

    @Test
    void shouldStoreCacheAndPublishEveryColdAssetWhenTheScheduleFires() {
        Instant before = Instant.now();

        ColdRefreshReport report =
                handler.handleRequest(TestSupport.scheduledEvent(), TestSupport.context(Duration.ofMinutes(3)));

        assertThat(report.requested()).isEqualTo(COLD_ASSETS);
        assertThat(report.refreshed() + report.degraded() + report.failed() + report.skipped())
                .isEqualTo(report.requested());
        assertThat(report.refreshed() + report.degraded()).isEqualTo(COLD_ASSETS);
        assertThat(report.refreshed()).isPositive();
        assertThat(report.exchangeErrors()).isEmpty();
        Map<String, Price> stored = wiring.store().getAll(symbols(COLD));
        assertThat(stored).hasSize(COLD_ASSETS);
        for (Asset asset : COLD) {
            Price price = stored.get(asset.symbol());
            assertThat(price.refreshedAs()).isEqualTo(Tier.COLD);
            assertThat(price.timestamp()).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MILLIS));
            assertWithinOnePercentOfTruth(price);
            assertThat(cached(asset.symbol())).as("cached %s", asset.symbol()).isEqualTo(price);
            assertThat(redis.sync().get(RedisKeys.price(asset.symbol())))
                    .as("the service's bytes for %s", asset.symbol())
                    .isEqualTo(WirePrice.of(price).bytes());
            assertThat(redis.sync().pttl(RedisKeys.price(asset.symbol())))
                    .as("TTL of %s", asset.symbol())
                    .isBetween(COLD_TTL.minusMinutes(1).toMillis(), COLD_TTL.toMillis());
        }
        awaitPublished(stored);
    }

    @Test
    void shouldWriteEachRunsPointOfEveryColdAssetToTheHistoryBeforeItReturns() {
        String first = COLD.getFirst().symbol();
        wiring.historyStore()
                .merge(List.of(Bucket.of(
                        first,
                        Resolution.MINUTE,
                        BigDecimal.ONE,
                        clock.instant().minus(Duration.ofHours(24)))));

        handler.handleRequest(TestSupport.scheduledEvent(), TestSupport.context(Duration.ofMinutes(3)));
        Map<String, Price> run1 = wiring.store().getAll(symbols(COLD));
        clock.advance(Duration.ofMinutes(5)); // the next scheduled run
        handler.handleRequest(TestSupport.scheduledEvent(), TestSupport.context(Duration.ofMinutes(3)));
        Map<String, Price> run2 = wiring.store().getAll(symbols(COLD));

        assertThat(run2).hasSize(COLD_ASSETS);
        Instant from = clock.instant().minus(Duration.ofHours(1));
        for (Asset asset : COLD) {
            String s = asset.symbol();
            List<Candle> minutes = wiring.historyStore().candles(s, Resolution.MINUTE, from, clock.instant(), 100);
            assertThat(minutes).as("one point per run of %s", s).hasSize(2);
            assertThat(minutes.get(0).close()).isEqualByComparingTo(run1.get(s).price());
            assertThat(minutes.get(1).close()).isEqualByComparingTo(run2.get(s).price());
        }
        // hours and days are rolled up from the stored minutes in the first run after they end (HistoryRollup,
        // whose test covers it: exchange-sim's quotes carry the real time, so this clock cannot move an hour on)
        Instant now = clock.instant();
        assertThat(wiring.historyStore().candles(first, Resolution.HOUR, Resolution.HOUR.bucketStart(now), now, 1))
                .as("the open hour is not merged into at every run")
                .isEmpty();
        assertThat(wiring.historyStore().candles(first, Resolution.DAY, Resolution.DAY.bucketStart(now), now, 1))
                .as("nor the open day")
                .isEmpty();
        assertThat(run2.get(first).change24h())
                .as("from the price seeded 24 h back")
                .isNotNull();
        assertThat(run2.get(COLD.get(1).symbol()).change24h())
                .as("no history that old")
                .isNull();
    }

    @Test
    void shouldRefreshFromTheOtherExchangesWhenOneExchangeIsDown() {
        sim.setFault(ExchangeId.KRAKEN, Fault.down());

        ColdRefreshReport report =
                handler.handleRequest(TestSupport.scheduledEvent(), TestSupport.context(Duration.ofMinutes(3)));

        assertThat(report.exchangeErrors()).containsOnlyKeys("kraken");
        assertThat(report.requested()).isEqualTo(COLD_ASSETS);
        assertThat(report.refreshed() + report.degraded() + report.failed() + report.skipped())
                .isEqualTo(report.requested());
        Map<String, Price> stored = wiring.store().getAll(symbols(COLD));
        List<Asset> elsewhereToo = COLD.stream()
                .filter(a -> a.listings().keySet().stream().anyMatch(e -> e != ExchangeId.KRAKEN))
                .toList();
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(symbols(elsewhereToo));
        assertThat(stored).doesNotContainKey(KRAKEN_ONLY);
        assertThat(report.failed()).isEqualTo(COLD_ASSETS - elsewhereToo.size());
        for (Price price : stored.values()) {
            assertThat(price.sources()).extracting(SourcePrice::exchange).doesNotContain(ExchangeId.KRAKEN);
            assertWithinOnePercentOfTruth(price);
        }
        JsonNode emf = emfLine();
        assertThat(emf.path("ExchangeErrors_kraken").asInt()).isPositive();
        assertThat(emf.path("ExchangeErrors_binance").asInt()).isZero();
    }

    @Test
    void shouldSkipPromotedAssetsWhenTheServiceIsRefreshingThem() {
        Price bediho = serviceCaches(BINANCE_ONLY, Duration.ofSeconds(10));
        Price moty7 = serviceCaches("MOTY7", Duration.ofSeconds(3));
        redis.sync().sadd(RedisKeys.PROMOTED, bytes(BINANCE_ONLY), bytes("moty7"));

        ColdRefreshReport report =
                handler.handleRequest(TestSupport.scheduledEvent(), TestSupport.context(Duration.ofMinutes(3)));

        assertThat(report.requested()).isEqualTo(COLD_ASSETS);
        assertThat(report.skipped()).isEqualTo(2);
        assertThat(report.refreshed() + report.degraded()).isEqualTo(COLD_ASSETS - 2);
        Map<String, Price> stored = wiring.store().getAll(symbols(COLD));
        assertThat(stored).hasSize(COLD_ASSETS - 2).doesNotContainKeys(BINANCE_ONLY, "MOTY7");
        assertThat(cached(BINANCE_ONLY)).isEqualTo(bediho);
        assertThat(cached("MOTY7")).isEqualTo(moty7);
        assertThat(emfLine().path("ColdSkipped").asInt()).isEqualTo(2);
    }

    @Test
    void shouldRefreshPromotedAssetsWhenTheServiceHasStoppedRefreshingThem() {
        serviceCaches(BINANCE_ONLY, PromotedAssets.SERVICE_REFRESH_LIMIT.plusSeconds(30));
        redis.sync().sadd(RedisKeys.PROMOTED, bytes(BINANCE_ONLY), bytes("MOTY7")); // MOTY7: promoted, never cached

        ColdRefreshReport report =
                handler.handleRequest(TestSupport.scheduledEvent(), TestSupport.context(Duration.ofMinutes(3)));

        assertThat(report.skipped()).isZero();
        assertThat(report.refreshed() + report.degraded()).isEqualTo(COLD_ASSETS);
        assertThat(wiring.store().getAll(List.of(BINANCE_ONLY, "MOTY7"))).hasSize(2);
        assertThat(cached(BINANCE_ONLY).refreshedAs()).isEqualTo(Tier.COLD);
    }

    @Test
    void shouldNeverReplaceANewerPriceWhenAnOlderRunFinishesLast() {
        handler.handleRequest(TestSupport.scheduledEvent(), TestSupport.context(Duration.ofMinutes(3)));
        Map<String, Price> first = wiring.store().getAll(symbols(COLD));
        Map<String, Price> firstCached = cachedAll();
        assertThat(first).hasSize(COLD_ASSETS);
        clock.advance(Duration.ofMinutes(-1)); // this run's aggregates are stamped a minute before the first run's

        ColdRefreshReport late =
                handler.handleRequest(TestSupport.scheduledEvent(), TestSupport.context(Duration.ofMinutes(3)));

        assertThat(late.skipped()).isEqualTo(COLD_ASSETS);
        assertThat(late.refreshed() + late.degraded()).isZero();
        assertThat(wiring.store().getAll(symbols(COLD))).isEqualTo(first);
        assertThat(cachedAll()).isEqualTo(firstCached);
    }

    @Test
    void shouldReplaceStoredPricesWhenALaterRunHasNewerOnes() {
        handler.handleRequest(TestSupport.scheduledEvent(), TestSupport.context(Duration.ofMinutes(3)));
        Map<String, Price> first = wiring.store().getAll(symbols(COLD));
        clock.advance(Duration.ofSeconds(5));

        ColdRefreshReport next =
                handler.handleRequest(TestSupport.scheduledEvent(), TestSupport.context(Duration.ofMinutes(3)));

        assertThat(next.skipped()).isZero();
        Map<String, Price> second = wiring.store().getAll(symbols(COLD));
        for (Asset asset : COLD) {
            assertThat(second.get(asset.symbol()).timestamp())
                    .isAfter(first.get(asset.symbol()).timestamp());
            assertThat(cached(asset.symbol())).isEqualTo(second.get(asset.symbol()));
        }
    }

    @Test
    void shouldRefreshEveryColdAssetIntoTheTableWhenRedisIsUnreachable() {
        redis.sync().sadd(RedisKeys.PROMOTED, bytes(BINANCE_ONLY));
        wiring.close();
        wiring = wire(TestSupport.config("redis://127.0.0.1:" + FreePort.find()));
        handler = new ColdRefreshHandler(wiring.job());

        ColdRefreshReport report =
                handler.handleRequest(TestSupport.scheduledEvent(), TestSupport.context(Duration.ofMinutes(3)));

        assertThat(report.skipped()).isZero();
        assertThat(report.refreshed() + report.degraded()).isEqualTo(COLD_ASSETS);
        assertThat(wiring.store().getAll(symbols(COLD))).hasSize(COLD_ASSETS).containsKey(BINANCE_ONLY);
        assertThat(report.durationMs())
                .as("no per-asset waits on the dead cache")
                .isLessThan(20_000);
        assertThat(EmfSpec.violations(emfOut.toString(StandardCharsets.UTF_8).strip()))
                .isEmpty();
    }

    @Test
    void shouldLeaveTheRestForTheNextRunWhenTheFunctionIsAboutToTimeOut() {
        Map<ExchangeId, Long> before = requestCounts();

        ColdRefreshReport report = handler.handleRequest(
                TestSupport.scheduledEvent(), TestSupport.context(ColdRefreshJob.FINISH_RESERVE.plusMillis(500)));

        assertThat(report.failed()).isEqualTo(COLD_ASSETS);
        assertThat(report.refreshed() + report.degraded()).isZero();
        assertThat(requestCounts()).isEqualTo(before);
        assertThat(emfLine().path("ColdFailed").asInt()).isEqualTo(COLD_ASSETS);
    }

    @Test
    void shouldLogOneValidEmfLineMatchingTheReportWhenARunEnds() {
        ColdRefreshReport report =
                handler.handleRequest(TestSupport.scheduledEvent(), TestSupport.context(Duration.ofMinutes(3)));

        String out = emfOut.toString(StandardCharsets.UTF_8);
        assertThat(out.lines()).hasSize(1);
        assertThat(EmfSpec.violations(out.strip())).isEmpty();
        JsonNode emf = emfLine();
        assertThat(emf.path("ColdRefreshed").asInt()).isEqualTo(report.refreshed());
        assertThat(emf.path("ColdDegraded").asInt()).isEqualTo(report.degraded());
        assertThat(emf.path("ColdFailed").asInt()).isEqualTo(report.failed());
        assertThat(emf.path("ColdSkipped").asInt()).isEqualTo(report.skipped());
        assertThat(emf.path("ColdRefreshDuration").asLong()).isEqualTo(report.durationMs());
        assertThat(emf.path("_aws").path("Timestamp").asLong()).isCloseTo(System.currentTimeMillis(), within(60_000L));
    }

    private ColdRefreshWiring wire(ColdRefreshConfig config) {
        ColdRefreshWiring w = ColdRefreshWiring.create(
                config, UNIVERSE, clock, new PrintStream(emfOut, true, StandardCharsets.UTF_8));
        w.store().createTableIfMissing();
        w.historyStore().createTableIfMissing();
        return w;
    }

    private void assertWithinOnePercentOfTruth(Price price) {
        BigDecimal truth = sim.truePrice(price.symbol());
        BigDecimal deviation = price.price().subtract(truth).abs().divide(truth, MathContext.DECIMAL64);
        assertThat(deviation)
                .as("%s: %s vs true %s", price.symbol(), price.price(), truth)
                .isLessThanOrEqualTo(ONE_PERCENT);
    }

    /** What the service's hot ticker leaves in Redis for a promoted asset it refreshed {@code ago}. */
    private Price serviceCaches(String symbol, Duration ago) {
        Instant at = Instant.now().minus(ago).truncatedTo(ChronoUnit.MILLIS);
        Price price = new Price(
                symbol,
                "USD",
                sim.truePrice(symbol),
                at,
                Tier.HOT,
                PriceStatus.OK,
                List.of(new SourcePrice(ExchangeId.BINANCE, sim.truePrice(symbol), at)),
                List.of());
        new RedisPriceCache(redis)
                .putIfNewer(price, Duration.ofMinutes(2))
                .toCompletableFuture()
                .join();
        return price;
    }

    private Price cached(String symbol) {
        byte[] bytes = redis.sync().get(RedisKeys.price(symbol));
        return bytes == null ? null : WirePrice.read(bytes).price();
    }

    private Map<String, Price> cachedAll() {
        Map<String, Price> all = new HashMap<>();
        for (Asset a : COLD) {
            Price p = cached(a.symbol());
            if (p != null) {
                all.put(a.symbol(), p);
            }
        }
        return all;
    }

    private void awaitPublished(Map<String, Price> expected) {
        Await.until(
                "every stored price published",
                Duration.ofSeconds(5),
                () -> published.entrySet().containsAll(expected.entrySet()));
        assertThat(published).containsAllEntriesOf(expected);
    }

    private JsonNode emfLine() {
        try {
            return new ObjectMapper()
                    .readTree(emfOut.toString(StandardCharsets.UTF_8).strip());
        } catch (Exception e) {
            throw new AssertionError("EMF output is not one JSON document: " + emfOut, e);
        }
    }

    private Map<ExchangeId, Long> requestCounts() {
        Map<ExchangeId, Long> counts = new HashMap<>();
        for (ExchangeId e : ExchangeId.values()) {
            counts.put(e, sim.requestCount(e));
        }
        return counts;
    }

    private static Set<String> symbols(List<Asset> assets) {
        return assets.stream().map(Asset::symbol).collect(Collectors.toSet());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
