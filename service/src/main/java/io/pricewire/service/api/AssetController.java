package io.pricewire.service.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.service.errors.ApiException;
import io.pricewire.service.errors.ErrorResponses;
import io.pricewire.service.tiers.TierDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/assets[?tier=hot|medium|cold]}: the universe in rank order with each asset's current tier.
 * Returns the typed record for Micronaut to render: a reference list that clients fetch now and then, no hot path.
 */
@Controller("/v1/assets")
@Tag(name = "assets")
class AssetController {
    private final AssetUniverse universe;
    private final TierDirectory tiers;

    AssetController(AssetUniverse universe, TierDirectory tiers) {
        this.universe = universe;
        this.tiers = tiers;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "List tracked assets in rank order",
            description = "Optionally only one tier (hot, medium or cold).")
    @ApiResponse(responseCode = "200", description = "the assets")
    @ErrorResponses.BadRequest
    @ErrorResponses.RateLimited
    AssetsResponse list(@Parameter(description = "hot, medium or cold") @Nullable @QueryValue String tier) {
        Tier wanted = null;
        if (tier != null) {
            try {
                wanted = Tier.fromLabel(tier);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidRequest("tier must be one of hot, medium, cold.");
            }
        }
        List<AssetsResponse.Entry> assets = new ArrayList<>();
        for (Asset a : universe.all()) {
            Tier current = tiers.tierOf(a);
            if (wanted == null || current == wanted) {
                assets.add(new AssetsResponse.Entry(a.symbol(), a.name(), a.id(), a.rank(), current.label()));
            }
        }
        return new AssetsResponse(assets);
    }
}
