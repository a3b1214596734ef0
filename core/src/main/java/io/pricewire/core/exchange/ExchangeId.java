package io.pricewire.core.exchange;

import java.util.Locale;

/** The exchanges Pricewire aggregates. Adding one = a constant, an adapter, a simulator dialect. */
public enum ExchangeId {
    BINANCE, COINBASE, KRAKEN, OKX;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExchangeId fromLabel(String label) {
        for (ExchangeId e : values()) {
            if (e.label().equalsIgnoreCase(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown exchange: " + label);
    }
}
