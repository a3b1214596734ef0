package io.pricewire.core.exchange;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One exchange's last price for one asset, as the exchange reported it.
 *
 * @param exchange  where it came from
 * @param symbol    Pricewire's canonical symbol
 * @param price     last price in {@code currency}, > 0
 * @param currency  quote currency: {@code USD}, {@code USDT} or {@code USDC}
 * @param timestamp the exchange's time for the price, or the receive time where it gives none
 * @param volume    24 h base volume where the exchange reports it, else {@code null}
 */
public record Quote(
        ExchangeId exchange, String symbol, BigDecimal price, String currency, Instant timestamp, BigDecimal volume) {
    public Quote {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(timestamp, "timestamp");
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("price must be > 0: " + price);
        }
    }
}
