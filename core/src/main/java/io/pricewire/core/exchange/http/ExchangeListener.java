package io.pricewire.core.exchange.http;

import io.pricewire.core.exchange.ExchangeId;

/** Observes exchange calls (for metrics and logs); {@link #NONE} ignores them. */
public interface ExchangeListener {
    ExchangeListener NONE = new ExchangeListener() {};

    /** One HTTP call finished; {@code outcome} is {@code ok} or a lower-case failure kind. */
    default void onRequest(ExchangeId exchange, String outcome, long nanos) {}

    /** The exchange's circuit breaker changed state ({@code closed}, {@code open}, {@code half_open}). */
    default void onBreakerState(ExchangeId exchange, String from, String to) {}

    /**
     * The number of pairs the client leaves out because the exchange does not list them (its market listing, or an
     * unknown-pair answer) changed to {@code count}.
     */
    default void onUnlistedPairs(ExchangeId exchange, int count) {}
}
