package io.pricewire.service.coingecko;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.price.Price;
import io.pricewire.service.api.CacheControl;
import io.pricewire.service.coingecko.HistoryFigures.ChartKey;
import io.pricewire.service.nearcache.PriceReader;
import io.pricewire.service.ratelimit.ClientIdentity;
import io.pricewire.service.tiers.DemandTiers;
import io.pricewire.service.tiers.TierDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * CoinGecko's {@code /coins/markets} and {@code /coins/{id}/market_chart}: prices from the read path shared with
 * {@code /v1} (counted as demand like a {@code /v1} read), history from the cached {@link HistoryFigures}.
 */
@Controller("/api/v3/coins")
@Tag(name = "coingecko")
class MarketsController {
    private static final int DEFAULT_PER_PAGE = 100;
    private static final int MAX_PER_PAGE = 250;

    private final CoinIndex coins;
    private final PriceReader reader;
    private final HistoryFigures history;
    private final DemandTiers demand;
    private final ClientIdentity clients;
    private final TierDirectory tiers;
    private final CacheControl cacheControl;
    private final Clock clock;

    MarketsController(
            CoinIndex coins,
            PriceReader reader,
            HistoryFigures history,
            DemandTiers demand,
            ClientIdentity clients,
            TierDirectory tiers,
            CacheControl cacheControl,
            Clock clock) {
        this.coins = coins;
        this.reader = reader;
        this.history = history;
        this.demand = demand;
        this.clients = clients;
        this.tiers = tiers;
        this.cacheControl = cacheControl;
        this.clock = clock;
    }

    @Get(uri = "/markets", produces = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "CoinGecko: market figures of coins, a page at a time",
            description = "CoinGecko-compatible. Known: current_price, market_cap_rank (Pricewire's rank), high_24h, "
                    + "low_24h, price_change_24h, price_change_percentage_24h, last_updated, sparkline_in_7d (from "
                    + "the price history; null until it has them). Always null: image, market caps, valuations, "
                    + "supplies, total_volume, ath/atl and roi. `order` by market cap or volume is Pricewire's rank.")
    @ApiResponse(
            responseCode = "200",
            description = "the page of coins",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            array = @ArraySchema(schema = @Schema(implementation = MarketEntry.class))))
    @CoinGeckoResponses.BadRequest
    @CoinGeckoResponses.MissingParameter
    @CoinGeckoResponses.RateLimited
    CompletableFuture<HttpResponse<List<MarketEntry>>> markets(
            @Parameter(description = "usd, usdt, usdc, btc, eth or sats (required)")
                    @Nullable
                    @QueryValue("vs_currency")
                    String vsCurrency,
            @Parameter(description = "comma-separated CoinGecko ids") @Nullable @QueryValue String ids,
            @Parameter(description = "comma-separated names, used when ids is absent") @Nullable @QueryValue
                    String names,
            @Parameter(description = "comma-separated symbols, used when ids and names are absent")
                    @Nullable
                    @QueryValue
                    String symbols,
            @Parameter(
                            description =
                                    "market_cap_desc (default), market_cap_asc, volume_desc, volume_asc, id_asc, id_desc")
                    @Nullable
                    @QueryValue
                    String order,
            @Parameter(description = "1 to 250, default 100") @Nullable @QueryValue("per_page") String perPage,
            @Parameter(description = "from 1, default 1") @Nullable @QueryValue String page,
            @Parameter(description = "true adds sparkline_in_7d") @Nullable @QueryValue String sparkline,
            @Parameter(description = "24h adds price_change_percentage_24h_in_currency; other periods are left out")
                    @Nullable
                    @QueryValue("price_change_percentage")
                    String priceChangePercentage,
            @Parameter(description = "full (default) or 0 to 18 decimal places") @Nullable @QueryValue String precision,
            HttpRequest<?> request) {
        VsCurrency currency = currency(vsCurrency);
        Precision rounding = Precision.parse(precision);
        MarketOrder sort = MarketOrder.parse(order);
        int size = Math.min(MAX_PER_PAGE, Math.max(1, number(perPage, DEFAULT_PER_PAGE, "per_page")));
        int number = Math.max(1, number(page, 1, "page"));
        boolean withSparkline = SimplePriceQuery.flag(sparkline);
        boolean percentInCurrency = priceChangePercentage != null
                && CoinIndex.split(priceChangePercentage).contains("24h");

        List<Asset> selected = new ArrayList<>(
                CoinIndex.anyLookup(ids, names, symbols)
                        ? coins.lookup(ids, names, symbols).values()
                        : coins.all());
        selected.sort(sort.comparator());
        long from = (long) (number - 1) * size;
        if (from >= selected.size()) {
            return CompletableFuture.completedFuture(ok(List.<MarketEntry>of(), CacheControl.NO_STORE));
        }
        List<Asset> onPage = selected.subList((int) from, (int) Math.min(selected.size(), from + size));
        count(onPage, request);
        Optional<Asset> reference = currency.reference().flatMap(coins::bySymbol);
        Set<Asset> toRead = new LinkedHashSet<>(onPage);
        reference.ifPresent(toRead::add);
        List<String> symbolsRead = toRead.stream().map(Asset::symbol).toList();

        Map<String, CompletableFuture<Series>> weeks = new HashMap<>();
        toRead.forEach(a -> weeks.put(a.symbol(), history.week(a.symbol())));
        CompletableFuture<Map<String, Price>> prices = reader.readAll(new ArrayList<>(toRead));
        CompletableFuture<Map<String, Double>> dayAgo = history.dayAgoCloses(symbolsRead);
        return CompletableFuture.allOf(weeks.values().toArray(CompletableFuture[]::new))
                .thenCompose(done -> prices.thenCombine(dayAgo, (found, closes) -> {
                    Rates rates = rates(found, closes);
                    long now = clock.millis();
                    Series referenceWeek =
                            reference.map(r -> weeks.get(r.symbol()).join()).orElse(null);
                    List<MarketEntry> entries = new ArrayList<>(onPage.size());
                    List<Tier> answered = new ArrayList<>(onPage.size());
                    for (Asset a : onPage) {
                        entries.add(MarketFigures.entry(
                                a,
                                found.get(a.symbol()),
                                weeks.get(a.symbol()).join(),
                                referenceWeek,
                                rates,
                                currency,
                                rounding,
                                now,
                                withSparkline,
                                percentInCurrency));
                        answered.add(tiers.tierOf(a));
                    }
                    return ok(entries, cacheControl.of(answered));
                }));
    }

    @Get(uri = "/{id}/market_chart", produces = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "CoinGecko: a coin's price history",
            description = "CoinGecko-compatible: 5-minutely for up to 1 day, hourly up to 90 days, daily beyond (or "
                    + "interval=daily); the last point is the price now. market_caps and total_volumes are always "
                    + "empty. Points before the price history began are absent.")
    @ApiResponse(
            responseCode = "200",
            description = "the chart",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MarketChartResponse.class)))
    @CoinGeckoResponses.BadRequest
    @CoinGeckoResponses.CoinNotFound
    @CoinGeckoResponses.MissingParameter
    @CoinGeckoResponses.RateLimited
    CompletableFuture<HttpResponse<MarketChartResponse>> marketChart(
            @Parameter(description = "CoinGecko id, e.g. bitcoin") @PathVariable String id,
            @Parameter(description = "usd, usdt, usdc, btc, eth or sats (required)")
                    @Nullable
                    @QueryValue("vs_currency")
                    String vsCurrency,
            @Parameter(description = "days back from now, or max (required)") @Nullable @QueryValue String days,
            @Parameter(description = "5m, hourly or daily; absent = CoinGecko's automatic granularity")
                    @Nullable
                    @QueryValue
                    String interval,
            @Parameter(description = "full (default) or 0 to 18 decimal places") @Nullable @QueryValue String precision,
            HttpRequest<?> request) {
        if (vsCurrency == null || vsCurrency.isBlank()) {
            throw CoinGeckoException.missing("vs_currency");
        }
        if (days == null || days.isBlank()) {
            throw CoinGeckoException.missing("days");
        }
        Asset asset = coins.byId(id).orElseThrow(CoinGeckoException::coinNotFound);
        VsCurrency currency = currency(vsCurrency);
        ChartSpan span = ChartSpan.parse(days, interval);
        Precision rounding = Precision.parse(precision);
        count(List.of(asset), request);
        Optional<Asset> reference = currency.reference().flatMap(coins::bySymbol);
        List<Asset> toRead = new ArrayList<>(List.of(asset));
        reference.filter(r -> !r.equals(asset)).ifPresent(toRead::add);

        CompletableFuture<Series> usd = history.series(new ChartKey(asset.symbol(), span.resolution(), span.span()));
        CompletableFuture<Series> referenceSeries = reference
                .map(r -> history.series(new ChartKey(r.symbol(), span.resolution(), span.span())))
                .orElse(CompletableFuture.completedFuture(null));
        return reader.readAll(toRead)
                .thenCompose(found -> usd.thenCombine(referenceSeries, (series, ref) -> {
                    long now = clock.millis();
                    List<List<BigDecimal>> prices = ChartPoints.pairs(
                            ChartPoints.of(series, ref, currency, span.step().toMillis(), now), rounding);
                    Price live = found.get(asset.symbol());
                    BigDecimal liveValue =
                            live == null ? null : rates(found, Map.of()).convert(live.price(), currency);
                    if (liveValue != null) {
                        prices.add(List.of(BigDecimal.valueOf(now), rounding.apply(liveValue)));
                    }
                    return ok(
                            new MarketChartResponse(prices, List.of(), List.of()),
                            cacheControl.of(tiers.tierOf(asset)));
                }));
    }

    private void count(List<Asset> assets, HttpRequest<?> request) {
        if (demand.counting()) {
            String client = clients.of(request);
            assets.forEach(a -> demand.record(a, client));
        }
    }

    private static VsCurrency currency(@Nullable String vsCurrency) {
        if (vsCurrency == null || vsCurrency.isBlank()) {
            throw CoinGeckoException.missing("vs_currency");
        }
        return VsCurrency.of(vsCurrency).orElseThrow(() -> CoinGeckoException.badRequest("invalid vs_currency"));
    }

    private static int number(@Nullable String raw, int otherwise, String name) {
        if (raw == null || raw.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw CoinGeckoException.badRequest("invalid " + name);
        }
    }

    private static Rates rates(Map<String, Price> found, Map<String, Double> dayAgo) {
        Map<String, BigDecimal> usdNow = new HashMap<>();
        found.forEach((symbol, price) -> usdNow.put(symbol, price.price()));
        return new Rates(usdNow, dayAgo);
    }

    private static <T> HttpResponse<T> ok(T body, String cacheControl) {
        return HttpResponse.ok(body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(CacheControl.HEADER, cacheControl);
    }
}
