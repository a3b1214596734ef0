package io.pricewire.service.coingecko;

import io.micronaut.core.annotation.Nullable;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The universe as CoinGecko's clients address it: by id ({@link Asset#id()}, CoinGecko's own slug for every well-known
 * asset), by lowercase symbol and by name. Built once: every lookup is a map read.
 */
@Singleton
public class CoinIndex {
    private final List<Asset> all;
    private final Map<String, Asset> byId = new HashMap<>();
    private final Map<String, Asset> bySymbol = new HashMap<>();
    private final Map<String, Asset> byName = new HashMap<>();

    CoinIndex(AssetUniverse universe) {
        this.all = universe.all();
        // rank order: where two assets share a name, the better-ranked one answers, as CoinGecko's "top" does
        for (Asset a : universe.all()) {
            byId.putIfAbsent(a.id(), a);
            bySymbol.putIfAbsent(a.symbol().toLowerCase(Locale.ROOT), a);
            byName.putIfAbsent(a.name().toLowerCase(Locale.ROOT), a);
        }
    }

    /** Every coin, in rank order. */
    public List<Asset> all() {
        return all;
    }

    /** The asset with CoinGecko id {@code id}. */
    public Optional<Asset> byId(String id) {
        return Optional.ofNullable(byId.get(id.trim().toLowerCase(Locale.ROOT)));
    }

    /** The asset with {@code symbol}, canonical (upper-case) as the universe has it. */
    public Optional<Asset> bySymbol(String symbol) {
        return Optional.ofNullable(bySymbol.get(symbol.toLowerCase(Locale.ROOT)));
    }

    /**
     * The coins a {@code /simple/price} or {@code /coins/markets} request names, keyed as its answer keys them, in
     * request order without repeats. CoinGecko's priority: {@code ids} when given, else {@code names}, else
     * {@code symbols}; each answer is keyed by the id, the lowercase name or the lowercase symbol asked for. Unknown
     * entries are left out, as CoinGecko leaves them out.
     */
    public Map<String, Asset> lookup(@Nullable String ids, @Nullable String names, @Nullable String symbols) {
        if (present(ids)) {
            return find(ids, byId);
        }
        if (present(names)) {
            return find(names, byName);
        }
        if (present(symbols)) {
            return find(symbols, bySymbol);
        }
        return Map.of();
    }

    /** Whether any of the lookup parameters names something: without one a request has nothing to answer for. */
    public static boolean anyLookup(@Nullable String ids, @Nullable String names, @Nullable String symbols) {
        return present(ids) || present(names) || present(symbols);
    }

    private static Map<String, Asset> find(String csv, Map<String, Asset> index) {
        Map<String, Asset> found = new LinkedHashMap<>();
        for (String key : split(csv)) {
            Asset a = index.get(key);
            if (a != null) {
                found.putIfAbsent(key, a);
            }
        }
        return found;
    }

    /** The non-blank entries of a comma-separated list, trimmed and lowercased. */
    static List<String> split(String csv) {
        List<String> parts = new ArrayList<>();
        for (String part : csv.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                parts.add(trimmed.toLowerCase(Locale.ROOT));
            }
        }
        return parts;
    }

    private static boolean present(@Nullable String csv) {
        return csv != null && !csv.isBlank();
    }
}
