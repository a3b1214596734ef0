package io.pricewire.core.asset;

import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The versioned asset universe: every asset Pricewire knows, in rank order, with the pair name
 * each exchange lists it under. Loaded from {@code assets.csv}
 * ({@code rank,symbol,name,id,binance,coinbase,kraken,okx}; an empty cell = not listed; a Kraken
 * cell may be {@code REQUEST|RESULTKEY}).
 */
public final class AssetUniverse {
    public static final String DEFAULT_RESOURCE = "/io/pricewire/core/asset/assets.csv";
    private static final ExchangeId[] COLUMNS = {
        ExchangeId.BINANCE, ExchangeId.COINBASE, ExchangeId.KRAKEN, ExchangeId.OKX
    };

    private final List<Asset> assets;
    private final Map<String, Asset> bySymbol;

    public AssetUniverse(List<Asset> assets) {
        List<Asset> sorted = new ArrayList<>(assets);
        sorted.sort(Comparator.comparingInt(Asset::rank));
        this.assets = List.copyOf(sorted);
        Map<String, Asset> index = new HashMap<>();
        for (Asset a : this.assets) {
            if (index.put(a.symbol(), a) != null) {
                throw new IllegalArgumentException("duplicate symbol in universe: " + a.symbol());
            }
        }
        this.bySymbol = Map.copyOf(index);
    }

    /** The universe shipped with core. */
    public static AssetUniverse loadDefault() {
        try (InputStream in = AssetUniverse.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("asset universe resource missing: " + DEFAULT_RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The universe in the CSV at {@code file}, or the shipped one when {@code file} is null or blank. */
    public static AssetUniverse loadFileOrDefault(String file) {
        if (file == null || file.isBlank()) {
            return loadDefault();
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the asset universe " + file, e);
        }
    }

    /** Parses a universe CSV with a header line. */
    public static AssetUniverse parse(InputStream csv) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        String header = reader.readLine();
        if (header == null || !header.startsWith("rank,symbol,name,id")) {
            throw new IOException(
                    "asset CSV must start with the header rank,symbol,name,id,binance,coinbase,kraken,okx");
        }
        List<Asset> assets = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 8) {
                throw new IOException("assets.csv line " + lineNo + ": expected 8 cells, got " + cells.length);
            }
            String symbol = cells[1].trim();
            Map<ExchangeId, Listing> listings = new EnumMap<>(ExchangeId.class);
            for (int i = 0; i < COLUMNS.length; i++) {
                String cell = cells[4 + i].trim();
                if (!cell.isEmpty()) {
                    int bar = cell.indexOf('|');
                    listings.put(
                            COLUMNS[i],
                            bar < 0
                                    ? new Listing(symbol, cell)
                                    : new Listing(symbol, cell.substring(0, bar), cell.substring(bar + 1)));
                }
            }
            assets.add(
                    new Asset(Integer.parseInt(cells[0].trim()), symbol, cells[2].trim(), cells[3].trim(), listings));
        }
        return new AssetUniverse(assets);
    }

    /** All assets in rank order. */
    public List<Asset> all() {
        return assets;
    }

    public int size() {
        return assets.size();
    }

    /** Looks a symbol up case-insensitively. */
    public Optional<Asset> find(String symbol) {
        return symbol == null ? Optional.empty() : Optional.ofNullable(bySymbol.get(SymbolSyntax.canonical(symbol)));
    }

    /** The assets whose static (rank-based) tier is {@code tier}, in rank order. */
    public List<Asset> inTier(Tier tier, TierBoundaries boundaries) {
        return assets.stream().filter(a -> boundaries.tierOf(a.rank()) == tier).toList();
    }
}
