package io.pricewire.service.errors;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An error of the CoinGecko-compatible API, in CoinGecko's shape. {@link CoinGeckoErrors#body} writes these bytes.
 *
 * @param error the sentence CoinGecko's clients show
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
        name = "CoinGeckoError",
        description = "An error of the CoinGecko-compatible API under /api/v3, in CoinGecko's shape.")
public record CoinGeckoErrorResponse(
        @Schema(requiredMode = REQUIRED, description = "What is wrong.", example = "Missing parameter vs_currencies")
        String error) {}
