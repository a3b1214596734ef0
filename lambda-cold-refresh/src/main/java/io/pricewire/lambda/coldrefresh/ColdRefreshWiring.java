package io.pricewire.lambda.coldrefresh;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.elasticache.RedisEndpointResolver;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.http.ExchangeClient;
import io.pricewire.core.exchange.http.ExchangeClientSettings;
import io.pricewire.core.exchange.http.ExchangeClients;
import io.pricewire.core.exchange.http.ExchangeListener;
import io.pricewire.core.exchange.http.ListingRefresher;
import io.pricewire.core.history.HistoryRecorder;
import io.pricewire.core.history.HistoryRollup;
import io.pricewire.core.history.PriceHistory;
import io.pricewire.core.history.ReferencePrices;
import io.pricewire.core.history.Resolution;
import io.pricewire.core.refresh.RefreshEngine;
import io.pricewire.core.refresh.RefreshListener;
import io.pricewire.core.refresh.RefreshSettings;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.core.store.WriteBehindQueue;
import io.pricewire.core.store.WriteBehindSettings;
import io.pricewire.core.store.dynamo.DynamoClients;
import io.pricewire.core.store.dynamo.DynamoHistoryStore;
import io.pricewire.core.store.dynamo.DynamoPriceStore;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the cold refresher: the one place that creates its clients, and, in
 * {@link #fromEnvironment()}, the only code that reads the environment. Everything is built once
 * per execution environment, during the function's init, so SnapStart snapshots it ready to run;
 * the Redis connection alone waits for the first invocation (see {@link RedisConnector}).
 */
public final class ColdRefreshWiring implements AutoCloseable {
    /** DynamoDB and Redis calls: a run covers hundreds of assets, so one hung call must not eat the run. */
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);
    /**
     * History writes and reference lookups in flight: a run ends by writing ~3 buckets per cold asset (29,400 for
     * 9,800) and starts each batch by looking up its references, so more in parallel than the service's ticks need.
     */
    static final int HISTORY_CONCURRENCY = 64;
    /** How long a batch waits for its references (the price 24 h ago) before publishing without change24h. */
    static final Duration REFERENCE_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(ColdRefreshWiring.class);

    private final ExecutorService executor;
    private final HttpClient http;
    private final DynamoDbClient dynamo;
    private final DynamoPriceStore store;
    private final DynamoHistoryStore historyStore;
    private final ReferencePrices references;
    private final WriteBehindQueue storeWrites;
    private final RedisEndpointResolver redisEndpoints;
    private final RedisConnector redis;
    private final ColdRefreshJob job;
    private final Duration coldInterval;

    private ColdRefreshWiring(ColdRefreshConfig config, AssetUniverse universe, Clock clock, PrintStream emfOut) {
        // exchange calls and store writes block; virtual threads make that cheap on a small Lambda
        this.executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("cold-refresh-", 0).factory());
        this.http = ExchangeClients.httpClient(executor, ExchangeClientSettings.DEFAULT.requestTimeout());
        // a longer call timeout than the service's, and only what the service leaves of each exchange's per-IP limit
        Map<ExchangeId, ExchangeClient> clients = ExchangeClients.create(
                config.exchangeUrls(),
                http,
                ExchangeClientSettings.COLD_REFRESH,
                clock,
                ExchangeListener.NONE,
                executor);
        this.dynamo = DynamoClients.create(config.region(), config.dynamoEndpoint(), STORE_TIMEOUT);
        this.store = new DynamoPriceStore(dynamo, config.table(), OperationTimer.NONE);
        // builds the ElastiCache / Secrets Manager clients only when discovering; nothing is called before the first
        // run
        this.redisEndpoints = RedisEndpointResolver.create(config.redis());
        this.redis = new RedisConnector(
                redisClient(), RedisEndpoint.discovered(redisEndpoints, STORE_TIMEOUT), STORE_TIMEOUT);
        RefreshSettings settings = RefreshSettings.forTiers(config.tiers());
        ConnectedPriceCache cache = new ConnectedPriceCache(redis);
        this.storeWrites = new WriteBehindQueue(store, WriteBehindSettings.DEFAULT, clock);
        this.historyStore =
                new DynamoHistoryStore(dynamo, config.historyTable(), OperationTimer.NONE, HISTORY_CONCURRENCY);
        // a run's minute points are written when it flushes (ColdRefreshJob): the function does not live to see them
        // close; its hours and days are rolled up from the stored minutes, about once per hour and day
        HistoryRecorder recorder = new HistoryRecorder(
                historyStore, EnumSet.of(Resolution.MINUTE), clock, Duration.ZERO, Integer.MAX_VALUE);
        this.references =
                new ReferencePrices(historyStore, clock, Duration.ofMinutes(1), REFERENCE_WAIT, HISTORY_CONCURRENCY);
        RefreshEngine engine = new RefreshEngine(
                universe,
                clients,
                store,
                storeWrites,
                cache,
                settings,
                clock,
                RefreshListener.NONE,
                new PriceHistory(
                        recorder,
                        references,
                        Optional.of(new HistoryRollup(
                                historyStore, historyStore, config.tiers().coldInterval(), HISTORY_CONCURRENCY)),
                        clock));
        this.job = new ColdRefreshJob(
                universe,
                config.tiers().boundaries(),
                engine,
                redis,
                new PromotedAssets(redis, cache, STORE_TIMEOUT),
                new EmfLogger(emfOut),
                clock,
                config.budget(),
                config.batchSize(),
                new ListingRefresher(clients.values(), clock));
        this.coldInterval = config.tiers().coldInterval();
        LOG.info("cold refresh wired: {}, {} assets in the universe", config, universe.size());
    }

    /**
     * The Lambda's wiring: settings from the process environment, core's asset universe (or the CSV
     * named by {@code PRICEWIRE_UNIVERSE_FILE}, for benchmarks), metrics to stdout.
     */
    static ColdRefreshWiring fromEnvironment() {
        return create(
                ColdRefreshConfig.fromEnvironment(System.getenv()),
                AssetUniverse.loadFileOrDefault(System.getenv("PRICEWIRE_UNIVERSE_FILE")),
                Clock.systemUTC(),
                System.out);
    }

    /** Wiring with every input given: what tests and local runs use. */
    static ColdRefreshWiring create(ColdRefreshConfig config, AssetUniverse universe, Clock clock, PrintStream emfOut) {
        return new ColdRefreshWiring(config, universe, clock, emfOut);
    }

    ColdRefreshJob job() {
        return job;
    }

    /** How often the cold tier is refreshed: the schedule local runs keep ({@link LocalRunner}), as EventBridge does in AWS. */
    Duration coldInterval() {
        return coldInterval;
    }

    /** The table client, for tests and local runs that need to create the table first. */
    DynamoPriceStore store() {
        return store;
    }

    /** The history table's client, for tests and local runs that need to create the table first. */
    DynamoHistoryStore historyStore() {
        return historyStore;
    }

    @Override
    public void close() {
        storeWrites.close();
        references.close();
        redis.close();
        redisEndpoints.close();
        executor.shutdownNow();
        http.close();
        dynamo.close();
    }

    private static RedisClient redisClient() {
        RedisClient client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                // while disconnected a command fails at once instead of queueing until its timeout: a run
                // that lost Redis keeps writing DynamoDB at full speed
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(
                        SocketOptions.builder().connectTimeout(STORE_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(STORE_TIMEOUT))
                .build());
        return client;
    }
}
