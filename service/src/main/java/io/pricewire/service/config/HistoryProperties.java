package io.pricewire.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The price history and {@code change24h} ({@code pricewire.history.*}; docs/architecture.md §3, "Price history").
 *
 * @param table                 the DynamoDB history table ({@code PRICEWIRE_HISTORY_TABLE}, default {@code price_history});
 *                              created at start with the price table when {@code pricewire.create-table} is set
 * @param tick                  how often finished buckets are written
 * @param grace                 how long after its end a bucket waits for late prices before it is written
 * @param maxRetained           buckets kept for another try while the table fails; more are dropped and counted
 * @param writeConcurrency      bucket writes in flight at once
 * @param referenceRefresh      how often each asset's price 24 h ago is looked up again (at most)
 * @param referenceWait         how long a refresh waits for those lookups before publishing without {@code change24h}
 * @param referenceConcurrency  lookups in flight at once
 */
@ConfigurationProperties("pricewire.history")
public record HistoryProperties(
        String table,
        Duration tick,
        Duration grace,
        int maxRetained,
        int writeConcurrency,
        Duration referenceRefresh,
        Duration referenceWait,
        int referenceConcurrency) {}
