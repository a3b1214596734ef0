package io.pricewire.service.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The body of {@code GET /v1/assets}: the tracked assets in rank order, each with its current tier. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "Tracked assets in rank order.")
record AssetsResponse(
        @Schema(requiredMode = REQUIRED, description = "The assets, rank 1 first.")
        List<Entry> assets) {

    /** One tracked asset. */
    @Serdeable
    @Schema(name = "Asset", description = "A tracked asset and its current tier.")
    record Entry(
            @Schema(requiredMode = REQUIRED, description = "Canonical symbol.", example = "BTC")
            String symbol,

            @Schema(requiredMode = REQUIRED, description = "Display name.", example = "Bitcoin")
            String name,

            @Schema(requiredMode = REQUIRED, description = "Stable identifier.", example = "bitcoin")
            String id,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "Market-cap rank, 1 for the largest.",
                    minimum = "1",
                    example = "1")
            int rank,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "The asset's current tier.",
                    allowableValues = {"hot", "medium", "cold"})
            String tier) {}
}
