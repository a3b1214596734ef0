package io.pricewire.service.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /v1/prices/{symbol}/history}: an asset's candles at one resolution, oldest first. {@code
 * ALWAYS}: no points is {@code "points":[]}, not a missing field.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "An asset's USD price history at one resolution, oldest first.")
record HistoryResponse(
        @Schema(requiredMode = REQUIRED, description = "Canonical symbol: A-Z and 0-9.", example = "BTC")
        String symbol,

        @Schema(
                requiredMode = REQUIRED,
                description = "The bucket width.",
                allowableValues = {"1m", "1h", "1d"})
        String interval,

        @Schema(
                requiredMode = REQUIRED,
                description = "One point per bucket in which a price was published; buckets without one are absent.")
        List<Point> points) {

    /** One bucket: the open, high, low and close of the aggregates published in it. */
    @Serdeable
    @Schema(name = "HistoryPoint", description = "One bucket of the history.")
    record Point(
            @Schema(requiredMode = REQUIRED, description = "The bucket's start (ISO-8601 UTC).")
            @JsonFormat(shape = JsonFormat.Shape.STRING)
            Instant t,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "The first price in the bucket.",
                    pattern = PriceResponse.DECIMAL)
            String open,

            @Schema(requiredMode = REQUIRED, description = "The highest.", pattern = PriceResponse.DECIMAL)
            String high,

            @Schema(requiredMode = REQUIRED, description = "The lowest.", pattern = PriceResponse.DECIMAL)
            String low,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "The last price in the bucket.",
                    pattern = PriceResponse.DECIMAL)
            String close) {}
}
