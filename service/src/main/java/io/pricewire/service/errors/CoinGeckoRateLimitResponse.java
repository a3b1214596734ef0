package io.pricewire.service.errors;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The 429 of the CoinGecko-compatible API, in CoinGecko's shape ({@link CoinGeckoErrors#rateLimited}).
 *
 * @param status the error's code and sentence
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "CoinGeckoRateLimited", description = "The rate limit's answer under /api/v3, in CoinGecko's shape.")
public record CoinGeckoRateLimitResponse(
        @Schema(requiredMode = REQUIRED) CoinGeckoErrorStatus status) {}
