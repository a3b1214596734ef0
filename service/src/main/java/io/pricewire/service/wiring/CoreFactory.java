package io.pricewire.service.wiring;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.pricewire.core.discovery.RedisDiscoverySettings;
import io.pricewire.core.discovery.RedisEndpointResolver;
import io.pricewire.core.aggregate.AggregationPolicy;
import io.pricewire.core.aggregate.Aggregator;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.cache.PriceCache;
import io.pricewire.core.cache.RedisPriceCache;
import io.pricewire.core.exchange.ExchangeAdapter;
import io.pricewire.core.exchange.ExchangeAdapters;
import io.pricewire.core.exchange.ExchangeClient;
import io.pricewire.core.exchange.ExchangeClientSettings;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.ExchangeListener;
import io.pricewire.core.price.PriceCodec;
import io.pricewire.core.refresh.RefreshEngine;
import io.pricewire.core.refresh.RefreshListener;
import io.pricewire.core.refresh.RefreshSettings;
import io.pricewire.core.store.DynamoClients;
import io.pricewire.core.store.DynamoPriceStore;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.core.store.PriceStore;
import io.pricewire.service.config.ExchangeProperties;
import io.pricewire.service.config.PricewireProperties;
import io.pricewire.service.config.TierProperties;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds core's parts for the service: one place for every client and its settings. */
@Factory
final class CoreFactory {
    /**
     * The part of the service's share of every exchange's limit kept for the hot tier and waiting callers (see
     * ExchangeClientSettings): 0.6 of 0.75 is Coinbase's 4.5 calls/s, what 16 hot products in a 3 s budget need.
     */
    private static final double HOT_LANE_SHARE = 0.6;

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    AssetUniverse assetUniverse(PricewireProperties props) {
        return AssetUniverse.loadFileOrDefault(props.universeFile());
    }

    @Singleton
    PriceCodec priceCodec() {
        return new PriceCodec();
    }

    /** Exchange calls, store writes and cache misses run here: never on the event loop. */
    @Singleton
    @Named("refresh")
    @Bean(preDestroy = "shutdownNow")
    ExecutorService refreshExecutor() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("refresh-", 0).factory());
    }

    @Singleton
    @Bean(preDestroy = "close")
    HttpClient exchangeHttpClient(ExchangeProperties exchanges, @Named("refresh") ExecutorService executor) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(exchanges.requestTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Singleton
    Map<ExchangeId, ExchangeClient> exchangeClients(ExchangeProperties props, HttpClient http, Clock clock,
                                                    @Named("refresh") ExecutorService executor, ExchangeListener listener) {
        Map<ExchangeId, URI> urls = Map.of(ExchangeId.BINANCE, URI.create(props.binance()), ExchangeId.COINBASE, URI.create(props.coinbase()),
                ExchangeId.KRAKEN, URI.create(props.kraken()), ExchangeId.OKX, URI.create(props.okx()));
        ExchangeClientSettings settings = new ExchangeClientSettings(props.requestTimeout(), ExchangeClientSettings.DEFAULT.breakerWindow(),
                ExchangeClientSettings.DEFAULT.breakerFailureRate(), props.breakerOpenFor(),
                ExchangeClientSettings.DEFAULT.defaultBackoff(), HOT_LANE_SHARE,
                ExchangeClientSettings.SERVICE_LIMIT_SHARE); // the cold Lambda has the rest of the per-IP limit

        Map<ExchangeId, ExchangeClient> clients = new EnumMap<>(ExchangeId.class);
        for (Map.Entry<ExchangeId, ExchangeAdapter> e : ExchangeAdapters.defaults().entrySet()) {
            clients.put(e.getKey(), new ExchangeClient(e.getValue(), urls.get(e.getKey()), http, settings, clock, listener, executor));
        }
        return clients;
    }

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDbClient(PricewireProperties props) {
        String endpoint = props.dynamodbEndpoint();
        return DynamoClients.create(props.awsRegion(), endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
                Duration.ofSeconds(2));
    }

    @Singleton
    PriceStore priceStore(DynamoDbClient dynamo, PricewireProperties props, OperationTimer timer) {
        DynamoPriceStore store = new DynamoPriceStore(dynamo, props.table(), timer);
        if (props.createTable()) {
            store.createTableIfMissing();
        }
        return store;
    }

    /** REDIS_URI / redis.uri (local, tests) wins; else the replication group's endpoints are looked up at start. */
    @Singleton
    @Bean(preDestroy = "close")
    RedisEndpointResolver redisEndpointResolver(PricewireProperties props, @Value("${redis.uri:}") String redisUri) {
        return RedisEndpointResolver.create(new RedisDiscoverySettings(redisUri, props.redisReplicationGroupId(),
                props.redisAuthSecretArn(), props.awsRegion(), null, null));
    }

    /** Named: micronaut-redis also offers a String-valued connection, and generics alone do not keep the two apart. */
    @Singleton
    @Named("prices")
    @Bean(preDestroy = "close")
    StatefulRedisConnection<String, byte[]> priceConnection(RedisClient redis) {
        return redis.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    @Singleton
    PriceCache priceCache(@Named("prices") StatefulRedisConnection<String, byte[]> connection, PriceCodec codec) {
        return new RedisPriceCache(connection, codec);
    }

    @Singleton
    RefreshSettings refreshSettings(TierProperties tiers) {
        RefreshSettings d = RefreshSettings.defaults();
        Map<Tier, Duration> budgets = new EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            budgets.put(t, tiers.fetchBudget(t, d.fetchBudget().get(t)));
        }
        return new RefreshSettings(tiers.boundaries(), budgets, d.maxQuoteAge(), d.cacheTtl(), d.storeConcurrency());
    }

    @Singleton
    RefreshEngine refreshEngine(AssetUniverse universe, Map<ExchangeId, ExchangeClient> clients, PriceStore store, PriceCache cache,
                                RefreshSettings settings, Clock clock, @Named("refresh") ExecutorService executor,
                                RefreshListener listener) {
        return new RefreshEngine(universe, clients, new Aggregator(AggregationPolicy.defaults()), store, cache, settings, clock,
                executor, listener);
    }
}
