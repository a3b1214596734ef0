package io.pricewire.core.price;

import java.util.Locale;

/** {@code ok}: at least the quorum of sources agreed; {@code degraded}: fewer usable sources than the quorum. */
public enum PriceStatus {
    OK,
    DEGRADED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PriceStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
