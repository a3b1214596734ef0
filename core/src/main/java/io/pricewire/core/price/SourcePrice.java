package io.pricewire.core.price;

import io.pricewire.core.exchange.ExchangeId;
import java.math.BigDecimal;
import java.time.Instant;

/** A quote that went into an aggregate, already converted to USD. */
public record SourcePrice(ExchangeId exchange, BigDecimal price, Instant timestamp) {
    public SourcePrice {
        timestamp = Instant.ofEpochMilli(timestamp.toEpochMilli()); // millisecond precision everywhere, as stored
    }
}
