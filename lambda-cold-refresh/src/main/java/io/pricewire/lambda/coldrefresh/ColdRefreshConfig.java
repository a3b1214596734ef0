package io.pricewire.lambda.coldrefresh;

import io.pricewire.core.asset.TierSettings;
import io.pricewire.core.elasticache.RedisDiscoverySettings;
import io.pricewire.core.exchange.ExchangeId;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The function's settings, read once per execution environment from its environment variables
 * (see the module README for the full list).
 *
 * @param table          DynamoDB table of latest prices ({@code PRICEWIRE_TABLE})
 * @param historyTable   DynamoDB table of the price history ({@code PRICEWIRE_HISTORY_TABLE}, default {@code price_history})
 * @param region         AWS region of the table ({@code AWS_REGION}, always set inside Lambda)
 * @param dynamoEndpoint a DynamoDB-API server to use instead of AWS (dynalite locally), or {@code null}
 * @param redis          where the price cache is: {@code REDIS_URI}, else the ElastiCache replication group
 *                       ({@code PRICEWIRE_REDIS_REPLICATION_GROUP_ID}) and its AUTH secret ({@code PRICEWIRE_REDIS_AUTH_SECRET_ARN})
 * @param exchangeUrls   base URL of every exchange ({@code BINANCE_URL}, …; see {@link ExchangeId#baseUrl(String)})
 * @param tiers          the tiers, as the service reads them ({@code PRICEWIRE_TIERS_*}); cold = ranked below hot and medium
 * @param budget         the most one invocation spends on the exchanges, across all its batches
 * @param batchSize      assets per refresh-engine call
 */
public record ColdRefreshConfig(
        String table,
        String historyTable,
        String region,
        URI dynamoEndpoint,
        RedisDiscoverySettings redis,
        Map<ExchangeId, URI> exchangeUrls,
        TierSettings tiers,
        Duration budget,
        int batchSize) {

    public static final String DEFAULT_TABLE = "prices";
    public static final String DEFAULT_HISTORY_TABLE = "price_history";
    public static final String DEFAULT_REGION = "us-east-1";
    /** Leaves room inside a 3-minute function timeout for the writes of the last batch. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(120);
    /**
     * Each batch is fetched, aggregated and written before the next starts, so a run cut short by
     * its deadline has stored what it finished, and one batch's failures stay within it. Kraken
     * (~1 call/s) takes one call per batch, so the batch count, not the asset count, sets its
     * share of a run: with everything else equal, 9,800 cold assets took 38 s in batches of 1,000
     * and 57 s in batches of 200.
     */
    public static final int DEFAULT_BATCH_SIZE = 1000;
    /**
     * The tier sizes' names before the service and the Lambda shared theirs: a deployment still setting one would
     * otherwise be silently ignored, and the Lambda's cold tier would no longer start where the service's ends.
     */
    private static final Map<String, TierSettings.Setting> RENAMED = Map.of(
            "PRICEWIRE_HOT_SIZE",
            TierSettings.Setting.HOT_SIZE,
            "PRICEWIRE_MEDIUM_SIZE",
            TierSettings.Setting.MEDIUM_SIZE);

    public ColdRefreshConfig {
        requireText(table, "PRICEWIRE_TABLE");
        requireText(historyTable, "PRICEWIRE_HISTORY_TABLE");
        requireText(region, "AWS_REGION");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(tiers, "tiers");
        Objects.requireNonNull(budget, "budget");
        for (ExchangeId e : ExchangeId.values()) {
            Objects.requireNonNull(exchangeUrls.get(e), e.urlVariable());
        }
        exchangeUrls = Map.copyOf(exchangeUrls);
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("PRICEWIRE_COLD_BUDGET_SECONDS must be > 0");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("PRICEWIRE_COLD_BATCH_SIZE must be >= 1");
        }
    }

    /** Reads the settings from {@code env} (the process environment in Lambda, a map in tests). */
    public static ColdRefreshConfig fromEnvironment(Map<String, String> env) {
        RENAMED.forEach((old, setting) -> {
            if (value(env, old) != null) {
                throw new IllegalArgumentException(
                        old + " is now " + setting.variable() + ", which the service reads too");
            }
        });
        String endpoint = value(env, "DYNAMODB_ENDPOINT");
        return new ColdRefreshConfig(
                orDefault(value(env, "PRICEWIRE_TABLE"), DEFAULT_TABLE),
                orDefault(value(env, "PRICEWIRE_HISTORY_TABLE"), DEFAULT_HISTORY_TABLE),
                orDefault(value(env, "AWS_REGION"), DEFAULT_REGION),
                endpoint == null ? null : uri("DYNAMODB_ENDPOINT", endpoint),
                RedisDiscoverySettings.fromEnvironment(env),
                ExchangeId.baseUrls(e -> env.get(e.urlVariable())),
                TierSettings.fromEnvironment(env),
                Duration.ofSeconds(integer(env, "PRICEWIRE_COLD_BUDGET_SECONDS", (int) DEFAULT_BUDGET.toSeconds())),
                integer(env, "PRICEWIRE_COLD_BATCH_SIZE", DEFAULT_BATCH_SIZE));
    }

    /** The Redis settings print without any auth token. */
    @Override
    public String toString() {
        return "ColdRefreshConfig[table=" + table + ", historyTable=" + historyTable + ", region=" + region
                + ", dynamoEndpoint=" + dynamoEndpoint
                + ", redis=" + redis + ", exchangeUrls=" + exchangeUrls + ", tiers=" + tiers + ", budget=" + budget
                + ", batchSize=" + batchSize + "]";
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String v = value(env, name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
        }
    }

    private static URI uri(String name, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute URL, got '" + value + "'");
        }
        return uri;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
