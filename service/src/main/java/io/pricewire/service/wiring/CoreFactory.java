package io.pricewire.service.wiring;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.lettuce.DefaultRedisClientFactory;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.cache.PriceCache;
import io.pricewire.core.cache.redis.LazyRedisConnection;
import io.pricewire.core.cache.redis.RedisPriceCache;
import io.pricewire.core.elasticache.RedisDiscoverySettings;
import io.pricewire.core.elasticache.RedisEndpointResolver;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.http.ExchangeClient;
import io.pricewire.core.exchange.http.ExchangeClientSettings;
import io.pricewire.core.exchange.http.ExchangeClients;
import io.pricewire.core.exchange.http.ExchangeListener;
import io.pricewire.core.history.HistoryReader;
import io.pricewire.core.history.HistoryRecorder;
import io.pricewire.core.history.HistoryTap;
import io.pricewire.core.history.HistoryWriter;
import io.pricewire.core.history.PriceHistory;
import io.pricewire.core.history.ReferencePrices;
import io.pricewire.core.refresh.RefreshEngine;
import io.pricewire.core.refresh.RefreshListener;
import io.pricewire.core.refresh.RefreshSettings;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.core.store.PriceStore;
import io.pricewire.core.store.WriteBehindQueue;
import io.pricewire.core.store.WriteBehindSettings;
import io.pricewire.core.store.dynamo.DynamoClients;
import io.pricewire.core.store.dynamo.DynamoHistoryStore;
import io.pricewire.core.store.dynamo.DynamoPriceStore;
import io.pricewire.service.config.ExchangeProperties;
import io.pricewire.service.config.HistoryProperties;
import io.pricewire.service.config.PricewireProperties;
import io.pricewire.service.config.TierProperties;
import io.pricewire.service.refresh.FleetShare;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds core's parts for the service: one place for every client and its settings. */
@Factory
final class CoreFactory {
    private static final Duration REDIS_ATTACH_RETRY = Duration.ofSeconds(1);
    private static final Duration TABLE_CREATE_RETRY = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(CoreFactory.class);

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    AssetUniverse assetUniverse(PricewireProperties props) {
        return AssetUniverse.loadFileOrDefault(props.universeFile());
    }

    /** Exchange calls, store writes and cache misses run here: never on the event loop. */
    @Singleton
    @Named("refresh")
    @Bean(preDestroy = "shutdownNow")
    ExecutorService refreshExecutor() {
        return Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("refresh-", 0).factory());
    }

    @Singleton
    @Bean(preDestroy = "close")
    HttpClient exchangeHttpClient(ExchangeProperties exchanges, @Named("refresh") ExecutorService executor) {
        return ExchangeClients.httpClient(executor, exchanges.requestTimeout());
    }

    @Singleton
    @Primary
    Map<ExchangeId, ExchangeClient> exchangeClients(
            ExchangeProperties props,
            HttpClient http,
            Clock clock,
            @Named("refresh") ExecutorService executor,
            ExchangeListener listener) {
        return ExchangeClients.create(props.baseUrls(), http, exchangeSettings(props), clock, listener, executor);
    }

    /**
     * The same exchanges at 1/{@code pricewire.fleet.max-instances} of each one's limit (own limiters and
     * breakers), for cycles run while the refresh lease cannot be reached (see TierTickers).
     */
    @Singleton
    @Named(FleetShare.CLIENTS)
    Map<ExchangeId, ExchangeClient> fleetShareClients(
            ExchangeProperties props,
            HttpClient http,
            Clock clock,
            @Named("refresh") ExecutorService executor,
            ExchangeListener listener,
            FleetShare fleet) {
        return ExchangeClients.create(
                props.baseUrls(), http, fleet.applyTo(exchangeSettings(props)), clock, listener, executor);
    }

    @Singleton
    FleetShare fleetShare(@Value("${pricewire.fleet.max-instances:1}") int maxInstances) {
        return new FleetShare(maxInstances);
    }

    private static ExchangeClientSettings exchangeSettings(ExchangeProperties props) {
        return ExchangeClientSettings.forService(props.requestTimeout(), props.breakerOpenFor())
                .withRateLimitScale(props.rateLimitScale());
    }

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDbClient(PricewireProperties props) {
        String endpoint = props.dynamodbEndpoint();
        return DynamoClients.create(
                props.awsRegion(),
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
                Duration.ofSeconds(2));
    }

    @Singleton
    PriceStore priceStore(DynamoDbClient dynamo, PricewireProperties props, OperationTimer timer) {
        DynamoPriceStore store = new DynamoPriceStore(dynamo, props.table(), timer);
        if (props.createTable()) {
            createTableWhenReachable(store::createTableIfMissing);
        }
        return store;
    }

    /**
     * The price history table ({@code pricewire.history.table}): the history's {@link HistoryWriter} and its
     * {@link HistoryReader}. Created with the price table when {@code pricewire.create-table} is set, without TTL
     * (dynalite has none; in AWS the CDK stack creates it with TTL). Injectable as itself only: the readers get it
     * through {@link #historyReader}, which a test may replace without taking the writer away.
     */
    @Singleton
    @Bean(typed = DynamoHistoryStore.class)
    DynamoHistoryStore historyStore(
            DynamoDbClient dynamo, PricewireProperties props, HistoryProperties history, OperationTimer timer) {
        DynamoHistoryStore store = new DynamoHistoryStore(dynamo, history.table(), timer, history.writeConcurrency());
        if (props.createTable()) {
            createTableWhenReachable(store::createTableIfMissing);
        }
        return store;
    }

    /** What the API answers history from (the CoinGecko endpoints, {@code GET /v1/prices/{symbol}/history}). */
    @Singleton
    HistoryReader historyReader(DynamoHistoryStore store) {
        return store;
    }

    /**
     * Buckets every published aggregate in memory and writes each once its period is over; closed before the
     * DynamoDB client, it writes every open bucket on a graceful stop. Meters: {@code pricewire.history.written},
     * {@code pricewire.history.dropped}, {@code pricewire.history.pending}.
     */
    @Singleton
    @Bean(preDestroy = "close")
    HistoryRecorder historyRecorder(
            DynamoHistoryStore store, Clock clock, HistoryProperties history, MeterRegistry registry) {
        HistoryRecorder recorder = new HistoryRecorder(store, clock, history.grace(), history.maxRetained());
        recorder.start(history.tick());
        FunctionCounter.builder("pricewire.history.written", recorder, HistoryRecorder::written)
                .description("price history buckets written to DynamoDB")
                .register(registry);
        FunctionCounter.builder("pricewire.history.dropped", recorder, HistoryRecorder::dropped)
                .description("price history buckets given up on after failed writes")
                .register(registry);
        Gauge.builder("pricewire.history.pending", recorder, HistoryRecorder::pending)
                .description("price history buckets in memory: open, or waiting for another try")
                .register(registry);
        return recorder;
    }

    @Singleton
    @Bean(preDestroy = "close")
    ReferencePrices referencePrices(DynamoHistoryStore store, Clock clock, HistoryProperties history) {
        return new ReferencePrices(
                store, clock, history.referenceRefresh(), history.referenceWait(), history.referenceConcurrency());
    }

    @Singleton
    HistoryTap historyTap(HistoryRecorder recorder, ReferencePrices references) {
        return new PriceHistory(recorder, references);
    }

    /** Tries now, and while DynamoDB is unreachable keeps trying in the background: the start must not wait for it. */
    private static void createTableWhenReachable(Runnable create) {
        try {
            create.run();
        } catch (PriceStore.StoreException e) {
            LOG.warn("DynamoDB unreachable at start ({}); creating the table in the background", e.getMessage());
            Thread.ofVirtual().name("create-table").start(() -> {
                while (true) {
                    try {
                        Thread.sleep(TABLE_CREATE_RETRY.toMillis());
                        create.run();
                        LOG.info("DynamoDB reachable: table ready");
                        return;
                    } catch (PriceStore.StoreException stillDown) {
                        LOG.debug("DynamoDB still unreachable: {}", stillDown.getMessage());
                    } catch (InterruptedException | RuntimeException stopped) {
                        return; // shutting down: the client is closed
                    }
                }
            });
        }
    }

    /** REDIS_URI / redis.uri (local, tests) wins; else the replication group's endpoints are looked up at start. */
    @Singleton
    @Bean(preDestroy = "close")
    RedisEndpointResolver redisEndpointResolver(PricewireProperties props, @Value("${redis.uri:}") String redisUri) {
        return RedisEndpointResolver.create(new RedisDiscoverySettings(
                redisUri, props.redisReplicationGroupId(), props.redisAuthSecretArn(), props.awsRegion(), null, null));
    }

    /**
     * Named: micronaut-redis also offers a String-valued connection, and generics alone do not keep the two apart.
     * Attached lazily: the service starts while Redis is down and attaches when it appears.
     */
    @Singleton
    @Named("prices")
    @Bean(preDestroy = "close")
    @SuppressWarnings("unchecked")
    StatefulRedisConnection<String, byte[]> priceConnection(RedisClient redis) {
        return new LazyRedisConnection<>(
                        "prices",
                        () -> redis.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)),
                        REDIS_ATTACH_RETRY)
                .proxy(StatefulRedisConnection.class);
    }

    /**
     * micronaut-redis' own String-valued connection (leases, demand, health) connects in its factory, so
     * any bean that injects it would make the start fail while Redis is down; this one attaches lazily.
     */
    @Singleton
    @Primary
    @Replaces(bean = StatefulRedisConnection.class, factory = DefaultRedisClientFactory.class)
    @Bean(preDestroy = "close")
    @SuppressWarnings("unchecked")
    StatefulRedisConnection<String, String> redisConnection(RedisClient redis) {
        return new LazyRedisConnection<>("default", redis::connect, REDIS_ATTACH_RETRY)
                .proxy(StatefulRedisConnection.class);
    }

    @Singleton
    PriceCache priceCache(@Named("prices") StatefulRedisConnection<String, byte[]> connection) {
        return new RedisPriceCache(connection);
    }

    @Singleton
    RefreshSettings refreshSettings(TierProperties tiers) {
        return RefreshSettings.forTiers(tiers.settings());
    }

    /**
     * The table is written behind the cache. Its backlog is the gauge {@code pricewire.store.backlog}
     * (Prometheus {@code pricewire_store_backlog}); writes dropped because the queue was full count in
     * {@code pricewire.store.dropped}.
     */
    @Singleton
    @Bean(preDestroy = "close")
    WriteBehindQueue storeWrites(
            PriceStore store,
            Clock clock,
            MeterRegistry registry,
            @Nullable @Property(name = "pricewire.store.write-behind.capacity") Integer capacity,
            @Nullable @Property(name = "pricewire.store.write-behind.workers") Integer workers,
            @Nullable @Property(name = "pricewire.store.write-behind.breaker-open-for") Duration breakerOpenFor) {
        WriteBehindSettings d = WriteBehindSettings.DEFAULT;
        WriteBehindQueue queue = new WriteBehindQueue(
                store,
                new WriteBehindSettings(
                        capacity == null ? d.capacity() : capacity,
                        workers == null ? d.workers() : workers,
                        breakerOpenFor == null ? d.breakerOpenFor() : breakerOpenFor),
                clock);
        Gauge.builder("pricewire.store.backlog", queue, WriteBehindQueue::backlog)
                .description("prices waiting to be written to DynamoDB")
                .register(registry);
        FunctionCounter.builder("pricewire.store.dropped", queue, WriteBehindQueue::dropped)
                .description("DynamoDB writes dropped because the write-behind queue was full")
                .register(registry);
        return queue;
    }

    @Singleton
    RefreshEngine refreshEngine(
            AssetUniverse universe,
            Map<ExchangeId, ExchangeClient> clients,
            PriceStore store,
            WriteBehindQueue storeWrites,
            PriceCache cache,
            RefreshSettings settings,
            Clock clock,
            RefreshListener listener,
            HistoryTap history) {
        return new RefreshEngine(universe, clients, store, storeWrites, cache, settings, clock, listener, history);
    }
}
