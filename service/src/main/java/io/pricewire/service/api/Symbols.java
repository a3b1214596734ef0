package io.pricewire.service.api;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.SymbolSyntax;
import io.pricewire.service.errors.ApiException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks symbol syntax before any I/O and resolves symbols against the universe. */
@Singleton
public class Symbols {
    static final int MAX_BATCH = 100;
    private final AssetUniverse universe;

    Symbols(AssetUniverse universe) {
        this.universe = universe;
    }

    /** The canonical form of {@code raw}, or a 400 {@code invalid_symbol}. */
    public String canonical(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw ApiException.invalidSymbol("A symbol is required.");
        }
        if (raw.length() > SymbolSyntax.MAX_LENGTH) {
            throw ApiException.invalidSymbol("A symbol has at most " + SymbolSyntax.MAX_LENGTH + " characters.");
        }
        String upper = SymbolSyntax.canonical(raw);
        if (!SymbolSyntax.isValid(upper)) {
            throw ApiException.invalidSymbol("A symbol consists of the letters A-Z and digits 0-9 only.");
        }
        return upper;
    }

    /** The tracked asset for {@code raw}: 400 for bad syntax, 404 {@code unknown_symbol} when not tracked. */
    public Asset resolve(String raw) {
        String symbol = canonical(raw);
        return universe.find(symbol).orElseThrow(() -> ApiException.unknownSymbol(symbol));
    }

    /** Splits a {@code symbols=} list: 1–100 distinct valid symbols. */
    public Batch batch(String csv) {
        if (csv == null || csv.isBlank()) {
            throw ApiException.invalidRequest(
                    "The query parameter symbols must list 1 to " + MAX_BATCH + " comma-separated symbols.");
        }
        String[] parts = csv.split(",", -1);
        if (parts.length > MAX_BATCH) {
            throw ApiException.invalidRequest(
                    "At most " + MAX_BATCH + " symbols per request; got " + parts.length + ".");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String part : parts) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                throw ApiException.invalidRequest("The symbols list has an empty entry.");
            }
            seen.add(canonical(trimmed));
        }
        List<Asset> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String s : seen) {
            universe.find(s).ifPresentOrElse(known::add, () -> unknown.add(s));
        }
        return new Batch(known, unknown);
    }

    public record Batch(List<Asset> known, List<String> unknown) {}
}
