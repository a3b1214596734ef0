package io.pricewire.service.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The body of a price answer (docs/architecture.md §5), field for field in the order it is sent.
 *
 * <p>No endpoint builds this record: {@code GET /v1/prices/{symbol}} (controller and Netty fast
 * path), the batch and the refresh send the near cache's pre-rendered bytes ({@code PriceJson}),
 * which is most of what makes a read cheap. The record is the typed statement of those bytes:
 * {@code /openapi.yml} describes it, and {@code ResponseParityTest} proves that Micronaut's mapper
 * renders it to exactly the bytes served. {@code ALWAYS}: empty lists are sent as {@code []}; times
 * are ISO-8601 strings whatever the mapper's default for dates.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "The aggregated USD price of one asset.")
record PriceResponse(
        @Schema(requiredMode = REQUIRED, description = "Canonical symbol: A-Z and 0-9.", example = "BTC")
        String symbol,

        @Schema(requiredMode = REQUIRED, description = "The quote currency.", allowableValues = "USD")
        String currency,

        @Schema(
                requiredMode = REQUIRED,
                description = "The aggregate, a decimal string (never exponent notation).",
                example = "64123.45",
                pattern = PriceResponse.DECIMAL)
        String price,

        @Schema(
                requiredMode = REQUIRED,
                description = "When the aggregate was computed (ISO-8601 UTC, millisecond precision).")
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        Instant timestamp,

        @Schema(
                requiredMode = REQUIRED,
                description = "Age of the price when the service answered, in milliseconds.",
                minimum = "0")
        long ageMs,

        @Schema(
                requiredMode = REQUIRED,
                description = "The asset's current tier, which sets how often it is refreshed.",
                allowableValues = {"hot", "medium", "cold"})
        String tier,

        @Schema(
                requiredMode = REQUIRED,
                description = "ok: enough exchanges agreed; degraded: fewer than the quorum.",
                allowableValues = {"ok", "degraded"})
        String status,

        @Schema(requiredMode = REQUIRED, description = "Older than twice its tier's refresh interval.")
        boolean stale,

        @Schema(
                requiredMode = REQUIRED,
                nullable = true,
                description = "Percent change against the price 24 hours before, a decimal string with two decimals;"
                        + " null when there is no history that old.",
                example = "-1.25",
                pattern = PriceResponse.DECIMAL)
        String change24h,

        @Schema(requiredMode = REQUIRED, description = "The quotes the aggregate is made of.")
        List<Source> sources,

        @Schema(requiredMode = REQUIRED, description = "The quotes left out, with the reason.")
        List<Rejected> rejected) {

    /** How prices are written: plain decimals, as {@code BigDecimal.toPlainString()} renders them. */
    static final String DECIMAL = "^-?[0-9]+(\\.[0-9]+)?$";

    /** A quote that went into the aggregate, converted to USD. */
    @Serdeable
    @Schema(name = "PriceSource", description = "A quote that went into the aggregate, in USD.")
    record Source(
            @Schema(requiredMode = REQUIRED, description = "The exchange's name.", example = "binance")
            String exchange,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "The quote in USD, a decimal string.",
                    example = "64120.01",
                    pattern = PriceResponse.DECIMAL)
            String price,

            @Schema(requiredMode = REQUIRED, description = "When the exchange reported it (ISO-8601 UTC).")
            @JsonFormat(shape = JsonFormat.Shape.STRING)
            Instant timestamp) {}

    /** A quote left out of the aggregate and why. */
    @Serdeable
    @Schema(name = "RejectedQuote", description = "A quote left out of the aggregate.")
    record Rejected(
            @Schema(requiredMode = REQUIRED, description = "The exchange's name.", example = "okx")
            String exchange,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "The quote as received, a decimal string: in USD, or in its "
                            + "own currency for no_fx_rate.",
                    example = "1.00",
                    pattern = PriceResponse.DECIMAL)
            String price,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "Why: outlier, stale, no_fx_rate or unconfirmed; clients should accept others.",
                    example = "outlier")
            String reason) {}
}
