package io.pricewire.service.coingecko;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/**
 * CoinGecko's {@code /coins/{id}/market_chart} answer: {@code [epoch ms, price]} pairs, oldest first, the last one the
 * price now. Market caps and volumes are always empty: Pricewire knows no supply and keeps no volumes.
 *
 * @param prices       [time in epoch ms, price] pairs
 * @param marketCaps   always empty
 * @param totalVolumes always empty
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "CoinGeckoMarketChart", description = "A coin's price history, in CoinGecko's shape.")
public record MarketChartResponse(
        @Schema(requiredMode = REQUIRED, description = "[epoch ms, price] pairs, oldest first.")
        List<List<BigDecimal>> prices,

        @JsonProperty("market_caps") @Schema(requiredMode = REQUIRED, description = "Always empty: supply is unknown.")
        List<List<BigDecimal>> marketCaps,

        @JsonProperty("total_volumes")
        @Schema(requiredMode = REQUIRED, description = "Always empty: volumes are not kept.")
        List<List<BigDecimal>> totalVolumes) {}
