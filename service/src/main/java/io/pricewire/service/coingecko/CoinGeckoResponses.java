package io.pricewire.service.coingecko;

import io.micronaut.http.MediaType;
import io.pricewire.service.errors.CoinGeckoErrorResponse;
import io.pricewire.service.errors.CoinGeckoRateLimitResponse;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The CoinGecko-compatible API's error answers as OpenAPI descriptions, each written once, in CoinGecko's shapes. */
final class CoinGeckoResponses {
    private CoinGeckoResponses() {}

    /** 400: a parameter value Pricewire cannot answer. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "400",
            description = "a parameter with a value Pricewire does not answer (precision, order, vs_currency, days)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CoinGeckoErrorResponse.class)))
    @interface BadRequest {}

    /** 404: an unknown coin id in the path. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "404",
            description = "coin not found: no tracked coin has this id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CoinGeckoErrorResponse.class)))
    @interface CoinNotFound {}

    /** 422: a required parameter is missing, CoinGecko's {@code Missing parameter <name>}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "422",
            description = "Missing parameter <name>: a required parameter is absent",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CoinGeckoErrorResponse.class)))
    @interface MissingParameter {}

    /** 429: the client's rate budget, shared with {@code /v1}, is spent. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "429",
            description = "the client's rate budget (shared with /v1) is spent; retry after Retry-After seconds",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "whole seconds until a retry can succeed, at least 1",
                            schema = @Schema(type = "integer")),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CoinGeckoRateLimitResponse.class)))
    @interface RateLimited {}
}
