package io.pricewire.service.tiers;

import java.util.Set;

/** Installs a hot set as demand would, for tests outside this package that run with demand tiers off. */
public final class HotSets {
    private HotSets() {}

    /** {@code symbols} hot from now on; {@code null} puts the tiers back to rank. */
    public static void use(TierDirectory directory, Set<String> symbols) {
        directory.useHotSet(symbols);
    }
}
