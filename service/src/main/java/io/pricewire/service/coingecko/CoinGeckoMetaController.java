package io.pricewire.service.coingecko;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.pricewire.core.asset.Asset;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CoinGecko's reference endpoints under {@code /api/v3}: {@code /ping}, {@code /simple/supported_vs_currencies} and
 * {@code /coins/list}. No price is read; the answers are built once.
 */
@Controller("/api/v3")
@Tag(name = "coingecko")
class CoinGeckoMetaController {
    private static final List<String> CURRENCIES =
            Arrays.stream(VsCurrency.values()).map(VsCurrency::code).toList();

    private final List<CoinListEntry> coins;
    private final List<CoinListEntry> coinsWithPlatforms;

    CoinGeckoMetaController(CoinIndex index) {
        List<Asset> byId = new ArrayList<>(index.all());
        // CoinGecko lists its coins by id
        byId.sort(Comparator.comparing(Asset::id));
        this.coins = byId.stream().map(a -> entry(a, null)).toList();
        this.coinsWithPlatforms = byId.stream().map(a -> entry(a, Map.of())).toList();
    }

    @Get(uri = "/ping", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "CoinGecko: is the API up")
    @ApiResponse(responseCode = "200", description = "always {\"gecko_says\":\"(V3) To the Moon!\"}")
    @CoinGeckoResponses.RateLimited
    PingResponse ping() {
        return PingResponse.MOON;
    }

    @Get(uri = "/simple/supported_vs_currencies", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "CoinGecko: the vs_currencies Pricewire answers in")
    @ApiResponse(
            responseCode = "200",
            description = "lowercase currency codes",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            array = @ArraySchema(schema = @Schema(type = "string"))))
    @CoinGeckoResponses.RateLimited
    List<String> supportedVsCurrencies() {
        return CURRENCIES;
    }

    @Get(uri = "/coins/list", produces = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "CoinGecko: every coin Pricewire tracks, by id",
            description = "Ids are CoinGecko's own for the well-known coins. `status=inactive` lists none.")
    @ApiResponse(
            responseCode = "200",
            description = "the coins, by id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            array = @ArraySchema(schema = @Schema(implementation = CoinListEntry.class))))
    @CoinGeckoResponses.RateLimited
    List<CoinListEntry> list(
            @Parameter(description = "true adds platforms, always empty") @Nullable @QueryValue("include_platform")
                    String includePlatform,
            @Parameter(description = "active (default) or inactive") @Nullable @QueryValue String status) {
        if (status != null && status.trim().toLowerCase(Locale.ROOT).equals("inactive")) {
            return List.of();
        }
        return SimplePriceQuery.flag(includePlatform) ? coinsWithPlatforms : coins;
    }

    private static CoinListEntry entry(Asset a, @Nullable Map<String, String> platforms) {
        return new CoinListEntry(a.id(), a.symbol().toLowerCase(Locale.ROOT), a.name(), platforms);
    }
}
