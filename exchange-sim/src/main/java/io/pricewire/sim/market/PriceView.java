package io.pricewire.sim.market;

/**
 * What one request sees of the market: the snapshot to quote from, a multiplier (the outlier fault)
 * and the time to stamp (now, or backdated under the stale fault).
 */
public record PriceView(MarketSnapshot snapshot, double factor, long timeMs) {}
