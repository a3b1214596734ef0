package io.pricewire.sim.exchange;

import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.sim.market.PriceView;

/**
 * How one exchange speaks: its paths, JSON shapes, error bodies and rate limit. {@link ExchangeServer}
 * does the HTTP and the faults; a dialect only turns requests into answers. Adding an exchange = one
 * dialect.
 */
public interface Dialect {
    /** The exchange this dialect speaks for: its listings'. */
    default ExchangeId exchange() {
        return listings().exchange();
    }

    /** What this exchange lists, and which of those pairs the control API has delisted. */
    Listings listings();

    /** Applies the exchange's rate limit to a request arriving at {@code nowMs}. */
    Admission admit(SimRequest request, long nowMs);

    /** The normal answer, including 4xx answers for unknown symbols and paths. */
    SimResponse answer(SimRequest request, PriceView view);

    /** The exchange's answer to an internal failure (the {@code error} fault). */
    SimResponse serverError();

    /** The exchange's rate-limit answer (the {@code ratelimit} fault), announcing {@code retryAfterSeconds} where it would. */
    SimResponse rateLimitFault(long retryAfterSeconds);
}
