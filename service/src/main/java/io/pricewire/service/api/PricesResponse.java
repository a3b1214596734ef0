package io.pricewire.service.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of a batch answer, {@code GET /v1/prices?symbols=…}. Like {@link PriceResponse}, the
 * typed statement of the bytes {@code PriceJson} renders, not what the controller builds.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "The prices of a batch; symbols with no price are listed under unknown.")
record PricesResponse(
        @Schema(requiredMode = REQUIRED, description = "One price per known symbol that has one, in the order asked.")
        List<PriceResponse> prices,

        @Schema(requiredMode = REQUIRED, description = "Symbols asked for that are not tracked or have no price yet.")
        List<String> unknown) {}
