package io.pricewire.core.store;

import io.pricewire.core.price.Price;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The durable record of the latest price of every asset. Implementations must never let an
 * older price replace a newer one. Calls block; failures surface as {@link StoreException}.
 */
public interface PriceStore {

    /** Writes {@code price} unless a price at least as new is stored; returns whether it was written. */
    boolean putIfNewer(Price price);

    Optional<Price> get(String symbol);

    /** The stored prices of {@code symbols}; absent symbols are left out. */
    Map<String, Price> getAll(Collection<String> symbols);

    /** Every stored price (symbol → price), read in parallel where the store can: for the start-up warm-up. */
    Map<String, Price> scanAll();

    /** Thrown when the store cannot be reached or refuses a request. */
    final class StoreException extends RuntimeException {
        public StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
