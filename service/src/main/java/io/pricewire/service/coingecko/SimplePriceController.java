package io.pricewire.service.coingecko;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.price.Price;
import io.pricewire.service.api.CacheControl;
import io.pricewire.service.nearcache.PriceReader;
import io.pricewire.service.ratelimit.ClientIdentity;
import io.pricewire.service.tiers.DemandTiers;
import io.pricewire.service.tiers.TierDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * CoinGecko's {@code GET /api/v3/simple/price}, answered from the same read path as {@code /v1} (near cache first,
 * {@link PriceReader}), counted as demand like a {@code /v1} read and rendered straight to bytes
 * ({@link SimplePriceJson}). Only {@code include_24hr_change} reaches the price history, through a cache. Its
 * OpenAPI schema, keyed by whatever was asked for, is written by hand in {@code src/main/openapi}.
 */
@Controller("/api/v3/simple/price")
@Tag(name = "coingecko")
class SimplePriceController {
    private final CoinIndex coins;
    private final PriceReader reader;
    private final HistoryFigures history;
    private final DemandTiers demand;
    private final ClientIdentity clients;
    private final TierDirectory tiers;
    private final CacheControl cacheControl;

    SimplePriceController(
            CoinIndex coins,
            PriceReader reader,
            HistoryFigures history,
            DemandTiers demand,
            ClientIdentity clients,
            TierDirectory tiers,
            CacheControl cacheControl) {
        this.coins = coins;
        this.reader = reader;
        this.history = history;
        this.demand = demand;
        this.clients = clients;
        this.tiers = tiers;
        this.cacheControl = cacheControl;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "CoinGecko: prices of coins in one or more currencies",
            description = "CoinGecko-compatible. Coins by `ids` (CoinGecko ids), else `names`, else `symbols`; unknown "
                    + "ones are left out. Currencies: usd, usdt, usdc, btc, eth, sats (others are left out). Numbers "
                    + "are JSON numbers. `<cur>_market_cap` and `<cur>_24h_vol` are always null: Pricewire knows no "
                    + "supply and keeps no exchange volumes.")
    @ApiResponse(
            responseCode = "200",
            description = "coin key → currency-suffixed numbers",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "#/components/schemas/CoinGeckoSimplePrice")))
    @CoinGeckoResponses.BadRequest
    @CoinGeckoResponses.MissingParameter
    @CoinGeckoResponses.RateLimited
    CompletableFuture<HttpResponse<byte[]>> price(
            @Parameter(description = "comma-separated CoinGecko ids, e.g. bitcoin,ethereum") @Nullable @QueryValue
                    String ids,
            @Parameter(description = "comma-separated names, used when ids is absent") @Nullable @QueryValue
                    String names,
            @Parameter(description = "comma-separated symbols, used when ids and names are absent")
                    @Nullable
                    @QueryValue
                    String symbols,
            @Parameter(description = "comma-separated: usd, usdt, usdc, btc, eth, sats (required)")
                    @Nullable
                    @QueryValue("vs_currencies")
                    String vsCurrencies,
            @Parameter(description = "adds <cur>_market_cap, always null") @Nullable @QueryValue("include_market_cap")
                    String marketCap,
            @Parameter(description = "adds <cur>_24h_vol, always null") @Nullable @QueryValue("include_24hr_vol")
                    String volume,
            @Parameter(description = "adds <cur>_24h_change in percent, from the price history")
                    @Nullable
                    @QueryValue("include_24hr_change")
                    String change,
            @Parameter(description = "adds last_updated_at, the price's time in epoch seconds")
                    @Nullable
                    @QueryValue("include_last_updated_at")
                    String lastUpdatedAt,
            @Parameter(description = "full (default) or 0 to 18 decimal places") @Nullable @QueryValue String precision,
            HttpRequest<?> request) {
        SimplePriceQuery query =
                SimplePriceQuery.parse(vsCurrencies, marketCap, volume, change, lastUpdatedAt, precision);
        if (!CoinIndex.anyLookup(ids, names, symbols)) {
            throw CoinGeckoException.missing("ids");
        }
        Map<String, Asset> wanted = coins.lookup(ids, names, symbols);
        if (wanted.isEmpty()) {
            return CompletableFuture.completedFuture(ok(render(wanted, Map.of(), Map.of(), query), List.of()));
        }
        if (demand.counting()) {
            String client = clients.of(request);
            wanted.values().forEach(a -> demand.record(a, client));
        }
        Set<Asset> toRead = new LinkedHashSet<>(wanted.values());
        for (VsCurrency c : query.currencies()) {
            c.reference().flatMap(coins::bySymbol).ifPresent(toRead::add);
        }
        List<Asset> assets = new ArrayList<>(toRead);
        return reader.readAll(assets).thenCompose(found -> {
            if (!query.change()) {
                return CompletableFuture.completedFuture(answer(wanted, found, Map.of(), query));
            }
            List<String> symbolsToRead = assets.stream().map(Asset::symbol).toList();
            return history.dayAgoCloses(symbolsToRead).thenApply(dayAgo -> answer(wanted, found, dayAgo, query));
        });
    }

    private HttpResponse<byte[]> answer(
            Map<String, Asset> wanted, Map<String, Price> found, Map<String, Double> dayAgo, SimplePriceQuery query) {
        List<Tier> answered = new ArrayList<>(wanted.size());
        for (Asset a : wanted.values()) {
            if (found.containsKey(a.symbol())) {
                answered.add(tiers.tierOf(a));
            }
        }
        return ok(render(wanted, found, dayAgo, query), answered);
    }

    private static byte[] render(
            Map<String, Asset> wanted, Map<String, Price> found, Map<String, Double> dayAgo, SimplePriceQuery query) {
        Map<String, BigDecimal> usdNow = new HashMap<>();
        found.forEach((symbol, price) -> usdNow.put(symbol, price.price()));
        return SimplePriceJson.render(wanted, found, new Rates(usdNow, dayAgo), query);
    }

    private HttpResponse<byte[]> ok(byte[] body, List<Tier> answered) {
        return HttpResponse.ok(body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(CacheControl.HEADER, cacheControl.of(answered));
    }
}
