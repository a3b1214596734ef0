package io.pricewire.core.asset;

import java.util.Locale;

/** Popularity tier of an asset; decides its refresh interval and cache TTL. */
public enum Tier {
    HOT,
    MEDIUM,
    COLD;

    /** The lowercase name used in JSON, metrics and configuration. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a label case-insensitively; throws {@link IllegalArgumentException} for anything else. */
    public static Tier fromLabel(String label) {
        for (Tier t : values()) {
            if (t.label().equalsIgnoreCase(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tier: " + label);
    }
}
