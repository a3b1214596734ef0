package io.pricewire.core.refresh;

import java.util.Map;

/**
 * What one refresh did.
 *
 * @param tier           the tier refreshed ({@code hot}, {@code medium}, {@code cold})
 * @param trigger        who asked, as its {@link Trigger#label()}: {@code ticker}, {@code lambda}, {@code api},
 *                       {@code warmup}, {@code miss}
 * @param requested      assets asked for
 * @param refreshed      assets given a new aggregate with quorum
 * @param degraded       assets given a new aggregate below quorum
 * @param failed         assets with no usable quote (their previous price stays, ageing)
 * @param skipped        assets whose new aggregate lost to a newer cached price (Redis' newer-wins check decides;
 *                       the store is written in the background and cannot answer within the refresh)
 * @param storeFailures  aggregates the store's write-behind queue had to drop because it was full
 * @param durationMs     wall time of the refresh
 * @param exchangeErrors per exchange, the failure that hit it in this refresh, if any
 */
public record RefreshReport(
        String tier,
        String trigger,
        int requested,
        int refreshed,
        int degraded,
        int failed,
        int skipped,
        int storeFailures,
        long durationMs,
        Map<String, String> exchangeErrors) {
    public RefreshReport {
        exchangeErrors = Map.copyOf(exchangeErrors);
    }
}
