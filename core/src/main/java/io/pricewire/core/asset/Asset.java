package io.pricewire.core.asset;

import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One asset of the universe.
 *
 * @param rank     popularity rank, 1 = most popular
 * @param symbol   canonical symbol ({@link SymbolSyntax})
 * @param name     display name
 * @param id       lowercase id slug (e.g. {@code bitcoin})
 * @param listings how each exchange that lists the asset names it
 */
public record Asset(int rank, String symbol, String name, String id, Map<ExchangeId, Listing> listings) {
    public Asset {
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1: " + rank);
        }
        if (!SymbolSyntax.isValid(symbol)) {
            throw new IllegalArgumentException("invalid symbol: " + symbol);
        }
        listings = Map.copyOf(listings);
    }

    public Optional<Listing> listingOn(ExchangeId exchange) {
        return Optional.ofNullable(listings.get(exchange));
    }

    /** This asset as if {@code exchange} did not list it (for a refresh that spares that exchange). */
    public Asset without(ExchangeId exchange) {
        Map<ExchangeId, Listing> rest = new EnumMap<>(ExchangeId.class);
        rest.putAll(listings);
        rest.remove(exchange);
        return new Asset(rank, symbol, name, id, rest);
    }
}
