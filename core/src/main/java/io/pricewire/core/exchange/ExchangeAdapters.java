package io.pricewire.core.exchange;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The adapters with their default settings, one per {@link ExchangeId}. */
public final class ExchangeAdapters {

    private ExchangeAdapters() {}

    /** One default adapter per exchange, in {@link ExchangeId} order. */
    public static Map<ExchangeId, ExchangeAdapter> defaults() {
        Map<ExchangeId, ExchangeAdapter> adapters = new EnumMap<>(ExchangeId.class);
        for (ExchangeId id : ExchangeId.values()) {
            adapters.put(id, defaultFor(id));
        }
        return Collections.unmodifiableMap(adapters);
    }

    /** The default adapter for {@code id}; the exhaustive switch makes a new exchange constant fail to compile here. */
    public static ExchangeAdapter defaultFor(ExchangeId id) {
        return switch (id) {
            case BINANCE -> new BinanceAdapter();
            case COINBASE -> new CoinbaseAdapter();
            case KRAKEN -> new KrakenAdapter();
            case OKX -> new OkxAdapter();
        };
    }

    /**
     * The quote currency of {@code listing} on {@code id} when Pricewire converts it to USD ({@code USD},
     * {@code USDT}, {@code USDC}), else {@code null}: the rule each adapter applies to its own answers, for the
     * WebSocket streams to apply the same one.
     */
    public static String quoteCurrency(ExchangeId id, Listing listing) {
        return switch (id) {
            case BINANCE -> BinanceAdapter.quoteCurrency(listing.pair());
            case KRAKEN -> KrakenAdapter.quoteCurrency(listing.pair());
            case COINBASE, OKX -> AdapterSupport.supportedDashCurrency(listing.pair());
        };
    }
}
