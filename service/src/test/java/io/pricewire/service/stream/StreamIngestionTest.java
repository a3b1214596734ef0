package io.pricewire.service.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.cache.RedisKeys;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.Meters;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import io.pricewire.service.tiers.TierDirectory;
import io.pricewire.sim.ExchangeSim;
import io.pricewire.sim.Fault;
import io.pricewire.testkit.Await;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The stream ingester against exchange-sim's four streams (ticks every 500 ms): it subscribes the hot tier, keeps
 * hot prices sub-second fresh through the same Redis write the tickers use, follows a tier change, and survives each
 * fault of one exchange's stream — the others keep the tier fresh, the faulty one stops contributing, and it
 * reconnects and re-subscribes when the fault clears.
 */
@TimingSensitive
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamIngestionTest {
    /** Well above the ≤ 0.6 s the streams give (ticks every 0.5 s) and far below the 5 s hot interval alone. */
    private static final Duration FRESH = Duration.ofMillis(1_500);

    private static final Pattern SYMBOL = Pattern.compile("\"symbol\":\"([A-Z0-9]+)\"");

    private ExchangeSim sim;
    private EmbeddedServer server;
    private StreamIngester ingester;
    private MeterRegistry registry;
    private Http http;
    private RedisClient redisClient;
    private StatefulRedisConnection<String, String> redis;
    private List<String> hot;

    @BeforeAll
    void start() {
        sim = StreamStack.startSim();
        Map<String, String> props = StreamStack.properties(
                sim,
                Map.of(
                        // demand on, so the service reads tier:hot; the test holds the demand lease, so it alone
                        // decides the hot set
                        "pricewire.demand.enabled", "true",
                        "pricewire.demand.period", "300ms"));
        redisClient = RedisClient.create(props.get("redis.uri"));
        redis = redisClient.connect();
        redis.sync()
                .set(
                        RedisKeys.DEMAND_LEASE,
                        "the-test",
                        SetArgs.Builder.px(Duration.ofMinutes(10).toMillis()));
        server = TestStack.start(props);
        ingester = server.getApplicationContext().getBean(StreamIngester.class);
        registry = server.getApplicationContext().getBean(MeterRegistry.class);
        http = new Http(server.getURI());
        http.awaitReady();
        hot = server.getApplicationContext().getBean(TierDirectory.class).members(Tier.HOT).stream()
                .map(Asset::symbol)
                .toList();
        Await.until("every stream contributing", Duration.ofSeconds(15), () -> allContributing());
    }

    @AfterEach
    void clearFaults() {
        sim.clearAllFaults();
        Await.until("every stream contributing again", Duration.ofSeconds(20), this::allContributing);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (redis != null) {
            redis.close();
            redisClient.shutdown();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void shouldSubscribeTheHotTierOnEveryExchangeAndBinancesAllMarketStream() {
        assertThat(ingester.isActive()).isTrue();
        for (ExchangeId exchange : List.of(ExchangeId.COINBASE, ExchangeId.KRAKEN, ExchangeId.OKX)) {
            assertThat(connection(exchange).subscribed())
                    .as(exchange.label())
                    .containsExactlyInAnyOrderElementsOf(hotListings(exchange));
        }
        // the all-market mini-ticker carries every pair on one stream: nothing to subscribe per asset
        assertThat(connection(ExchangeId.BINANCE).subscribed()).isEmpty();
        for (ExchangeId exchange : ExchangeId.values()) {
            assertThat(sim.streamConnections(exchange)).as(exchange.label()).isEqualTo(1);
        }
    }

    @Test
    void shouldServeEveryHotAssetWithinASecondAndAHalfOfTheExchangesThroughTheCache() {
        double written = Meters.count(registry, "pricewire.stream.publishes", "outcome", "written");
        List<Duration> ages = sampleAges(hot, Duration.ofSeconds(2));

        assertThat(StreamStack.quantile(ages, 0.9)).isLessThan(FRESH);
        assertThat(Meters.count(registry, "pricewire.stream.publishes", "outcome", "written"))
                .isGreaterThan(written + hot.size());
        assertThat(Meters.count(registry, "pricewire.stream.publish.delay")).isPositive();
        for (ExchangeId exchange : ExchangeId.values()) {
            assertThat(Meters.count(
                            registry, "pricewire.stream.messages", "exchange", exchange.label(), "kind", "ticks"))
                    .as(exchange.label())
                    .isPositive();
        }
    }

    @Test
    void shouldPublishEachAssetAtMostOncePerPublishIntervalThoughFourExchangesSendEveryTick() {
        Map<String, Integer> publishes = new ConcurrentHashMap<>();
        StatefulRedisPubSubConnection<String, String> feed = redisClient.connectPubSub();
        feed.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                Matcher symbol = SYMBOL.matcher(message);
                if (symbol.find()) {
                    publishes.merge(symbol.group(1), 1, Integer::sum);
                }
            }
        });
        try {
            feed.sync().subscribe(RedisKeys.PRICE_CHANNEL);
            Await.pause(Duration.ofSeconds(3));
        } finally {
            feed.close();
        }

        // four quotes per asset per 0.5 s tick: unbatched that is 24 publications in 3 s; at most one per 250 ms
        // plus one hot ticker cycle is 14, and gathering each tick's quotes into one gives about 6
        assertThat(publishes).containsKeys("BTC", "ETH");
        assertThat(publishes.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(14));
        assertThat(publishes.get("BTC")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldSubscribeAPromotedAssetAndUnsubscribeTheOneItDisplaced() {
        TierDirectory tiers = server.getApplicationContext().getBean(TierDirectory.class);
        Asset promoted = TestStack.universe().all().stream()
                .filter(a -> a.rank() > 300
                        && a.listings().keySet().containsAll(List.of(ExchangeId.COINBASE, ExchangeId.OKX)))
                .min(Comparator.comparingInt(Asset::rank))
                .orElseThrow();
        String displaced = hot.get(hot.size() - 1);
        List<String> hotSet = new ArrayList<>(hot.subList(0, hot.size() - 1));
        hotSet.add(promoted.symbol());
        redis.sync().set(RedisKeys.HOT_SET, String.join(",", hotSet));
        try {
            Await.until(
                    "the promoted asset subscribed on Coinbase and OKX",
                    Duration.ofSeconds(10),
                    () -> connection(ExchangeId.COINBASE)
                                    .subscribed()
                                    .contains(promoted.listingOn(ExchangeId.COINBASE)
                                            .orElseThrow())
                            && connection(ExchangeId.OKX)
                                    .subscribed()
                                    .contains(promoted.listingOn(ExchangeId.OKX).orElseThrow()));
            Asset gone = TestStack.universe().find(displaced).orElseThrow();
            assertThat(tiers.tierOf(gone)).isEqualTo(Tier.MEDIUM);
            gone.listingOn(ExchangeId.COINBASE)
                    .ifPresent(l -> assertThat(connection(ExchangeId.COINBASE).subscribed())
                            .doesNotContain(l));
            gone.listingOn(ExchangeId.OKX)
                    .ifPresent(l ->
                            assertThat(connection(ExchangeId.OKX).subscribed()).doesNotContain(l));

            Await.until(
                    "the promoted asset served from the streams",
                    Duration.ofSeconds(10),
                    () -> StreamStack.quantile(sampleAges(List.of(promoted.symbol()), Duration.ofSeconds(1)), 0.5)
                                    .compareTo(FRESH)
                            < 0);
        } finally {
            redis.sync().del(RedisKeys.HOT_SET);
        }
        Await.until(
                "the promoted asset unsubscribed again",
                Duration.ofSeconds(10),
                () -> !connection(ExchangeId.COINBASE)
                        .subscribed()
                        .contains(promoted.listingOn(ExchangeId.COINBASE).orElseThrow()));
    }

    @Test
    void shouldReconnectAndResubscribeWhenAnExchangeGoesDownWhileTheOthersKeepTheTierFresh() {
        double drops = reconnects(ExchangeId.OKX, "closed") + reconnects(ExchangeId.OKX, "error");
        sim.setFault(ExchangeId.OKX, Fault.down());

        Await.until("OKX no longer contributing", Duration.ofSeconds(5), () -> !contributing(ExchangeId.OKX));
        assertThat(gauge("pricewire.stream.connected", ExchangeId.OKX)).isZero();
        assertThat(reconnects(ExchangeId.OKX, "closed") + reconnects(ExchangeId.OKX, "error"))
                .isGreaterThan(drops);
        assertThat(StreamStack.quantile(sampleAges(hot, Duration.ofSeconds(1)), 0.9))
                .isLessThan(FRESH);

        sim.clearFault(ExchangeId.OKX);
        Await.until("OKX contributing again", Duration.ofSeconds(35), () -> contributing(ExchangeId.OKX));
        assertThat(connection(ExchangeId.OKX).subscribed())
                .containsExactlyInAnyOrderElementsOf(hotListings(ExchangeId.OKX));
        assertThat(sim.streamConnections(ExchangeId.OKX)).isEqualTo(1);
    }

    @Test
    void shouldDropAndReconnectASilentStream() {
        double silent = reconnects(ExchangeId.KRAKEN, "silent");
        sim.setFault(ExchangeId.KRAKEN, Fault.silent());

        Await.until(
                "Kraken dropped as silent",
                Duration.ofSeconds(6),
                () -> reconnects(ExchangeId.KRAKEN, "silent") > silent);
        assertThat(contributing(ExchangeId.KRAKEN)).isFalse();
        assertThat(StreamStack.quantile(sampleAges(hot, Duration.ofSeconds(1)), 0.9))
                .isLessThan(FRESH);
    }

    @Test
    void shouldStopCountingAStaleStreamWhileItStaysConnected() {
        sim.setFault(ExchangeId.COINBASE, Fault.stale(Duration.ofMinutes(10)));

        Await.until("Coinbase no longer contributing", Duration.ofSeconds(6), () -> !contributing(ExchangeId.COINBASE));
        assertThat(gauge("pricewire.stream.connected", ExchangeId.COINBASE)).isEqualTo(1);
        assertThat(StreamStack.quantile(sampleAges(hot, Duration.ofSeconds(1)), 0.9))
                .isLessThan(FRESH);
        // its frozen prices left the book: every hot aggregate's sources are the three live streams' or REST's
        assertThat(ingester.connection(ExchangeId.COINBASE)).isPresent();
    }

    @Test
    void shouldCountGarbageAndKeepTheOthersFresh() {
        double malformed =
                Meters.count(registry, "pricewire.stream.messages", "exchange", "binance", "kind", "malformed");
        sim.setFault(ExchangeId.BINANCE, Fault.garbage());

        Await.until(
                "Binance garbage counted",
                Duration.ofSeconds(5),
                () -> Meters.count(registry, "pricewire.stream.messages", "exchange", "binance", "kind", "malformed")
                        > malformed);
        Await.until("Binance no longer contributing", Duration.ofSeconds(6), () -> !contributing(ExchangeId.BINANCE));
        assertThat(StreamStack.quantile(sampleAges(hot, Duration.ofSeconds(1)), 0.9))
                .isLessThan(FRESH);
    }

    @Test
    void shouldKeepTheTruePriceWhenOneStreamLiesByThreePercent() {
        sim.setFault(ExchangeId.OKX, Fault.outlier(1.03));
        // two publications later every aggregate has seen the lie
        sampleAges(hot, Duration.ofSeconds(2));

        for (String symbol : List.of("BTC", "ETH")) {
            BigDecimal served = new BigDecimal(
                    StreamStack.field(http.get("/v1/prices/" + symbol).body(), "price"));
            BigDecimal truth = sim.truePrice(symbol);
            BigDecimal error = served.subtract(truth).abs().divide(truth, MathContext.DECIMAL64);
            assertThat(error)
                    .as(symbol + " served " + served + ", truth " + truth)
                    .isLessThan(new BigDecimal("0.01"));
        }
    }

    private List<Duration> sampleAges(List<String> symbols, Duration over) {
        List<Duration> ages = new ArrayList<>();
        long end = System.nanoTime() + over.toNanos();
        while (System.nanoTime() < end) {
            ages.addAll(StreamStack.ages(http, symbols));
            Await.pause(Duration.ofMillis(100));
        }
        return ages;
    }

    private StreamConnection connection(ExchangeId exchange) {
        return ingester.connection(exchange).orElseThrow();
    }

    private Set<Listing> hotListings(ExchangeId exchange) {
        return hot.stream()
                .map(s -> TestStack.universe().find(s).orElseThrow().listingOn(exchange))
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
    }

    private boolean allContributing() {
        for (ExchangeId e : ExchangeId.values()) {
            if (!contributing(e)) {
                return false;
            }
        }
        return true;
    }

    private boolean contributing(ExchangeId exchange) {
        return gauge("pricewire.stream.contributing", exchange) == 1;
    }

    private double gauge(String name, ExchangeId exchange) {
        Gauge g = registry.find(name).tag("exchange", exchange.label()).gauge();
        return g == null ? 0 : g.value();
    }

    private double reconnects(ExchangeId exchange, String reason) {
        return Meters.count(registry, "pricewire.stream.reconnects", "exchange", exchange.label(), "reason", reason);
    }
}
