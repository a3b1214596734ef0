package io.pricewire.service.api;

import io.pricewire.service.tiers.TierDirectory;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.service.errors.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code GET /v1/assets[?tier=hot|medium|cold]}: the universe in rank order with each asset's current tier. */
@Controller("/v1/assets")
@Tag(name = "assets")
class AssetController {
    private static final JsonFactory JSON = new JsonFactory();
    private final AssetUniverse universe;
    private final TierDirectory tiers;

    AssetController(AssetUniverse universe, TierDirectory tiers) {
        this.universe = universe;
        this.tiers = tiers;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List tracked assets in rank order", description = "Optionally only one tier (hot, medium or cold).")
    HttpResponse<byte[]> list(@Parameter(description = "hot, medium or cold") @Nullable @QueryValue String tier) {
        Tier wanted = null;
        if (tier != null) {
            try {
                wanted = Tier.fromLabel(tier);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidRequest("tier must be one of hot, medium, cold.");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("assets");
            for (Asset a : universe.all()) {
                Tier current = tiers.tierOf(a);
                if (wanted == null || current == wanted) {
                    g.writeStartObject();
                    g.writeStringField("symbol", a.symbol());
                    g.writeStringField("name", a.name());
                    g.writeStringField("id", a.id());
                    g.writeNumberField("rank", a.rank());
                    g.writeStringField("tier", current.label());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.ok(out.toByteArray()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
