package io.pricewire.core.aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An aggregate that jumped too far from the last accepted price to be published on one reading, kept until the next
 * reading confirms or contradicts it.
 *
 * @param price     the would-be aggregate in USD that was held back
 * @param firstSeen when it was held (the {@code now} of that aggregation); only a later reading can confirm it
 */
public record PendingJump(BigDecimal price, Instant firstSeen) {
    public PendingJump {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(firstSeen, "firstSeen");
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("a held price must be > 0: " + price);
        }
    }
}
