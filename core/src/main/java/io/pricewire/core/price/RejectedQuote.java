package io.pricewire.core.price;

import io.pricewire.core.exchange.ExchangeId;
import java.math.BigDecimal;

/**
 * A quote left out of an aggregate and why: one of the reasons the aggregator names ({@code outlier}, {@code stale},
 * {@code no_fx_rate}, {@code unconfirmed}), carried as a plain string so that a reader never fails on a reason it
 * does not know yet.
 *
 * @param price the quote as received (in its own currency for {@code no_fx_rate}, else USD)
 */
public record RejectedQuote(ExchangeId exchange, BigDecimal price, String reason) {}
