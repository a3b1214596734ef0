package io.pricewire.service.coingecko;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * One coin of CoinGecko's {@code /coins/list}.
 *
 * @param id        CoinGecko's id of the coin (Pricewire's asset id)
 * @param symbol    lowercase symbol
 * @param name      display name
 * @param platforms with {@code include_platform=true}: contract address per platform — always empty, Pricewire knows
 *                  no contracts; absent otherwise
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "CoinGeckoCoin", description = "A coin Pricewire tracks, as CoinGecko lists it.")
public record CoinListEntry(
        @Schema(requiredMode = REQUIRED, example = "bitcoin")
        String id,

        @Schema(requiredMode = REQUIRED, example = "btc") String symbol,

        @Schema(requiredMode = REQUIRED, example = "Bitcoin")
        String name,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        @Schema(
                requiredMode = NOT_REQUIRED,
                description = "Only with include_platform=true; always empty: Pricewire knows no contract addresses.")
        Map<String, String> platforms) {}
