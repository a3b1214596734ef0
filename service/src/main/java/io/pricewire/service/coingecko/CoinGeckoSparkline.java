package io.pricewire.service.coingecko;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * CoinGecko's {@code sparkline_in_7d} of a {@code /coins/markets} entry.
 *
 * @param price hourly prices of the last 7 days, oldest first
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "Hourly prices of the last 7 days, oldest first.")
public record CoinGeckoSparkline(
        @Schema(requiredMode = REQUIRED) List<Double> price) {}
