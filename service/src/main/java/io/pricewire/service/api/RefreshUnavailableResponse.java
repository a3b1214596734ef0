package io.pricewire.service.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of a refresh no exchange answered (503): the API's error, plus the last known price
 * when there is one. {@code ApiErrors} writes it with the price's pre-rendered bytes; {@code
 * ResponseParityTest} proves the two agree.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "unavailable: no exchange answered the refresh; the last known price is unchanged.")
record RefreshUnavailableResponse(
        @Schema(requiredMode = REQUIRED, description = "Always unavailable.", allowableValues = "unavailable")
        String error,

        @Schema(requiredMode = REQUIRED, description = "A sentence for people.")
        String message,

        @Schema(description = "The last known price; absent when none was ever stored.", nullable = false) @Nullable
        PriceResponse price) {}
