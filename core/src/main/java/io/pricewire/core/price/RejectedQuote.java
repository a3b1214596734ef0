package io.pricewire.core.price;

import io.pricewire.core.exchange.ExchangeId;
import java.math.BigDecimal;

/**
 * A quote left out of an aggregate and why ({@code outlier}, {@code stale}, {@code no_fx_rate}).
 *
 * @param price the quote as received (in its own currency for {@code no_fx_rate}, else USD)
 */
public record RejectedQuote(ExchangeId exchange, BigDecimal price, String reason) {
}
