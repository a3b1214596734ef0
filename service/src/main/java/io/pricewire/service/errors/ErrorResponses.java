package io.pricewire.service.errors;

import io.micronaut.http.MediaType;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The API's error answers (docs/architecture.md §5) as OpenAPI descriptions, each written once: an
 * endpoint carries the ones it can give, and {@code /openapi.yml} lists each with the {@link
 * ErrorResponse} schema. The bodies are {@link ApiErrors}' pre-rendered bytes either way.
 */
public final class ErrorResponses {
    private ErrorResponses() {}

    /** 400: a malformed symbol or parameter. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "400",
            description = "invalid_symbol (not 1 to 20 of A-Z and 0-9) or invalid_request "
                    + "(a malformed parameter or request)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorResponse.class)))
    public @interface BadRequest {}

    /** 401: the API key is missing or wrong. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "401",
            description = "unauthorized: X-Api-Key is missing or not valid",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorResponse.class)))
    public @interface Unauthorized {}

    /** 404: a well-formed symbol that is not tracked. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "404",
            description = "unknown_symbol: no tracked asset has this symbol",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorResponse.class)))
    public @interface UnknownSymbol {}

    /** 429 with {@code Retry-After}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "429",
            description = "rate_limited: too many requests from this client (or refreshes with "
                    + "this key); try again after Retry-After",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "Whole seconds until the client may try again.",
                            schema = @Schema(type = "integer", minimum = "1")),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorResponse.class)))
    public @interface RateLimited {}

    /** 503 without a price: none was ever stored and none could be fetched. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "503",
            description = "unavailable: no price was ever stored and none could be fetched",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorResponse.class)))
    public @interface Unavailable {}
}
