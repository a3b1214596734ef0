package io.pricewire.service.errors;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of every API error (docs/architecture.md §5). {@link ApiErrors#body} writes these bytes
 * itself — from filters and error handlers, with no mapper at hand, and cheaply for a flood of 429s;
 * {@code ResponseParityTest} proves they are what Micronaut's mapper renders for this record.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
        description = "An API error. Every error has this shape, on every path: also not_found for a path and "
                + "method_not_allowed for a method this document does not list.")
public record ErrorResponse(
        @Schema(
                requiredMode = REQUIRED,
                example = "unknown_symbol",
                description = "A stable code: invalid_symbol, "
                        + "invalid_request, unauthorized, unknown_symbol, not_found, method_not_allowed, rate_limited, unavailable, "
                        + "… (clients should accept others).")
        String error,

        @Schema(
                requiredMode = REQUIRED,
                description = "A sentence for people; its wording may change.",
                example = "No asset with the symbol NOSUCHCOIN is tracked.")
        String message) {}
