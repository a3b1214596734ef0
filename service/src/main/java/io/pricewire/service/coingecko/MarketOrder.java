package io.pricewire.service.coingecko;

import io.micronaut.core.annotation.Nullable;
import io.pricewire.core.asset.Asset;
import java.util.Comparator;
import java.util.Locale;

/**
 * The {@code order} of {@code /coins/markets}. Market cap is unknown, so Pricewire's rank (its market-cap rank) orders
 * {@code market_cap_*}; volume is unknown too, so {@code volume_*} falls back to the same rank order.
 */
enum MarketOrder {
    MARKET_CAP_DESC(Comparator.comparingInt(Asset::rank)),
    MARKET_CAP_ASC(Comparator.comparingInt(Asset::rank).reversed()),
    VOLUME_DESC(Comparator.comparingInt(Asset::rank)),
    VOLUME_ASC(Comparator.comparingInt(Asset::rank).reversed()),
    ID_ASC(Comparator.comparing(Asset::id)),
    ID_DESC(Comparator.comparing(Asset::id).reversed());

    private final Comparator<Asset> comparator;

    MarketOrder(Comparator<Asset> comparator) {
        this.comparator = comparator;
    }

    Comparator<Asset> comparator() {
        return comparator;
    }

    /** The order named {@code raw}; absent = {@code market_cap_desc}, CoinGecko's default; unknown = 400. */
    static MarketOrder parse(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return MARKET_CAP_DESC;
        }
        try {
            return valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CoinGeckoException.badRequest("invalid order");
        }
    }
}
