package io.pricewire.lambda.coldrefresh;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one cold run did; the Lambda runtime returns it as the invocation's JSON result.
 * {@code refreshed + degraded + failed + skipped == requested}.
 *
 * @param requested      cold assets in the universe at the start of the run
 * @param refreshed      given a new aggregate with quorum
 * @param degraded       given a new aggregate below quorum (stored and served, flagged)
 * @param failed         no usable quote, or not reached before the run's deadline: their previous price stays, ageing
 * @param skipped        left alone: promoted to the hot tier (the service refreshes them), or a newer price was
 *                       already cached by someone else
 * @param storeFailures  aggregates not in DynamoDB when the run ended (cached and published all the same; still
 *                       queued, written when this execution environment runs again)
 * @param durationMs     wall time of the run
 * @param exchangeErrors per exchange that failed during the run, its first failure ({@code kind: message})
 */
public record ColdRefreshReport(
        int requested,
        int refreshed,
        int degraded,
        int failed,
        int skipped,
        int storeFailures,
        long durationMs,
        Map<String, String> exchangeErrors) {
    public ColdRefreshReport {
        // sorted, so the JSON result and logs list exchanges in a stable order
        exchangeErrors = Collections.unmodifiableMap(new TreeMap<>(exchangeErrors));
    }
}
