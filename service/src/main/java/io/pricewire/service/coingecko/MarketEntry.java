package io.pricewire.service.coingecko;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.pricewire.core.asset.Asset;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * One coin of CoinGecko's {@code /coins/markets}, with the fields Pricewire knows; the others are always null because
 * Pricewire has no source for them: supply (market caps, valuations, supplies), all-time highs and lows, ROI, images
 * and, as the stored aggregate keeps no exchange volumes, volume. The 24 h figures come from the price history, null
 * until it has them.
 *
 * @param id                          CoinGecko id
 * @param symbol                      lowercase symbol
 * @param name                        display name
 * @param currentPrice                the price now in {@code vs_currency}; null when none was ever stored
 * @param marketCapRank               Pricewire's rank of the asset
 * @param high24h                     highest hourly high of the last 24 h (and the price now)
 * @param low24h                      lowest hourly low of the last 24 h (and the price now)
 * @param priceChange24h              price now − price 24 h ago
 * @param priceChangePercentage24h    that in percent
 * @param lastUpdated                 the price's time, ISO-8601
 * @param sparkline                   with {@code sparkline=true}: hourly prices of the last 7 days
 * @param priceChangePercentage24hInCurrency with {@code price_change_percentage=24h}: the same as
 *                                    {@code price_change_percentage_24h}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
        name = "CoinGeckoMarket",
        description = "A coin's market figures in CoinGecko's shape; the fields Pricewire has no source for are null.")
public record MarketEntry(
        @Schema(requiredMode = REQUIRED, example = "bitcoin")
        String id,

        @Schema(requiredMode = REQUIRED, example = "btc") String symbol,

        @Schema(requiredMode = REQUIRED, example = "Bitcoin")
        String name,

        @Nullable @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null.")
        String image,

        @JsonProperty("current_price") @Nullable @Schema(requiredMode = REQUIRED, nullable = true)
        BigDecimal currentPrice,

        @JsonProperty("market_cap")
        @Nullable
        @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null.")
        BigDecimal marketCap,

        @JsonProperty("market_cap_rank") @Schema(requiredMode = REQUIRED, description = "Pricewire's rank.")
        int marketCapRank,

        @JsonProperty("fully_diluted_valuation")
        @Nullable
        @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null.")
        BigDecimal fullyDilutedValuation,

        @JsonProperty("total_volume")
        @Nullable
        @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null: volumes are not kept.")
        BigDecimal totalVolume,

        @JsonProperty("high_24h") @Nullable @Schema(requiredMode = REQUIRED, nullable = true)
        BigDecimal high24h,

        @JsonProperty("low_24h") @Nullable @Schema(requiredMode = REQUIRED, nullable = true)
        BigDecimal low24h,

        @JsonProperty("price_change_24h") @Nullable @Schema(requiredMode = REQUIRED, nullable = true)
        BigDecimal priceChange24h,

        @JsonProperty("price_change_percentage_24h") @Nullable @Schema(requiredMode = REQUIRED, nullable = true)
        Double priceChangePercentage24h,

        @JsonProperty("market_cap_change_24h")
        @Nullable
        @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null.")
        BigDecimal marketCapChange24h,

        @JsonProperty("market_cap_change_percentage_24h")
        @Nullable
        @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null.")
        Double marketCapChangePercentage24h,

        @JsonProperty("circulating_supply")
        @Nullable
        @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null.")
        BigDecimal circulatingSupply,

        @JsonProperty("total_supply")
        @Nullable
        @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null.")
        BigDecimal totalSupply,

        @JsonProperty("max_supply")
        @Nullable
        @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null.")
        BigDecimal maxSupply,

        @Nullable @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null.")
        BigDecimal ath,

        @JsonProperty("ath_change_percentage")
        @Nullable
        @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null.")
        Double athChangePercentage,

        @JsonProperty("ath_date")
        @Nullable
        @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null.")
        String athDate,

        @Nullable @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null.")
        BigDecimal atl,

        @JsonProperty("atl_change_percentage")
        @Nullable
        @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null.")
        Double atlChangePercentage,

        @JsonProperty("atl_date")
        @Nullable
        @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null.")
        String atlDate,

        @Nullable @Schema(requiredMode = REQUIRED, nullable = true, description = "Always null (CoinGecko: an object).")
        String roi,

        @JsonProperty("last_updated") @Nullable @Schema(requiredMode = REQUIRED, nullable = true, format = "date-time")
        String lastUpdated,

        @JsonProperty("sparkline_in_7d")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        @Schema(requiredMode = NOT_REQUIRED, description = "Only with sparkline=true.")
        CoinGeckoSparkline sparkline,

        @JsonProperty("price_change_percentage_24h_in_currency")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        @Schema(requiredMode = NOT_REQUIRED, nullable = true, description = "Only with price_change_percentage=24h.")
        Double priceChangePercentage24hInCurrency) {

    /** The figures Pricewire knows of one coin; every other field null. */
    static MarketEntry of(
            Asset asset,
            @Nullable BigDecimal currentPrice,
            @Nullable BigDecimal high24h,
            @Nullable BigDecimal low24h,
            @Nullable BigDecimal priceChange24h,
            @Nullable Double priceChangePercentage24h,
            @Nullable String lastUpdated,
            @Nullable CoinGeckoSparkline sparkline,
            @Nullable Double priceChangePercentage24hInCurrency) {
        return new MarketEntry(
                asset.id(),
                asset.symbol().toLowerCase(Locale.ROOT),
                asset.name(),
                null,
                currentPrice,
                null,
                asset.rank(),
                null,
                null,
                high24h,
                low24h,
                priceChange24h,
                priceChangePercentage24h,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                lastUpdated,
                sparkline,
                priceChangePercentage24hInCurrency);
    }
}
