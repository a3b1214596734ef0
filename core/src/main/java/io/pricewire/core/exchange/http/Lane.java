package io.pricewire.core.exchange.http;

/**
 * Which part of an exchange's rate budget a fetch draws from. The budget is split in two lanes
 * (ExchangeClientSettings.priorityShare): one reserved for the hot tier and an operator's refresh,
 * one shared by the other tiers.
 */
public enum Lane {
    /** The hot tier and POST refresh: the reserved lane. */
    PRIORITY,
    /** The medium tier and the cold Lambda: the shared lane. */
    SHARED,
    /**
     * Readers waiting on a never-stored asset: the shared lane, waiting within the deadline; failing
     * that, a permit the reserved lane holds right now, never one it would have to wait for. The hot
     * tier's next call then waits at most one refill of its lane, well inside its budget, so a
     * reader gets Kraken's quote (one call a second) without ever starving the hot tier.
     */
    SHARED_OR_SPARE_PRIORITY
}
