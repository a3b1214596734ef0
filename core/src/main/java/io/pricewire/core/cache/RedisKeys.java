package io.pricewire.core.cache;

import io.pricewire.core.asset.Tier;

/**
 * Every Redis key and channel Pricewire uses, as it stands in Redis. The service writes keys the
 * cold Lambda reads (and both write the prices), so the names live here, once, rather than in
 * each reader and writer; docs/architecture.md §3 lists them with their writers and readers.
 */
public final class RedisKeys {
    /** The pub/sub channel every newly cached price is published on, with the bytes of its key. */
    public static final String PRICE_CHANNEL = "prices";
    /** Sorted set: each symbol's demand, added to by every instance and halved every half-life. */
    public static final String DEMAND_SCORES = "demand:scores";
    /** String: the current hot set, comma-separated symbols. */
    public static final String HOT_SET = "tier:hot";
    /** Set: the symbols demand promoted into the hot tier, which the cold Lambda leaves to the service. */
    public static final String PROMOTED = "tier:promoted";
    /** Lease of the demand roll-up: one instance per period halves the scores and recomputes the hot set. */
    public static final String DEMAND_LEASE = "lease:demand";
    /** Lease of a first deployment's cold fill: one instance of a fleet starting together fills the cold tier. */
    public static final String COLD_FILL_LEASE = "lease:warmup:cold-fill";
    /**
     * Lease of the exchanges' WebSocket streams: the one instance holding it runs them, renewing it while it lives,
     * since the exchanges limit connections per IP and the fleet shares one egress address.
     */
    public static final String STREAM_LEASE = "lease:stream";

    private RedisKeys() {}

    /**
     * String: the latest price of {@code symbol} (upper-case), a {@code WirePrice}, with the TTL of the tier
     * it was refreshed as.
     */
    public static String price(String symbol) {
        return "price:" + symbol;
    }

    /** Lease of one tier's refresh cycle: one instance runs each cycle. */
    public static String refreshLease(Tier tier) {
        return "lease:refresh:" + tier.label();
    }
}
