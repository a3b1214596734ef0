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
}
