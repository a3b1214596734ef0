package io.pricewire.service.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.pricewire.service.errors.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /v1/status}: the system health the dashboard shows — tier freshness, each exchange's breaker and stream,
 * Redis and DynamoDB, requests per second. Public, unlike {@code /health/readiness} and {@code /prometheus} on the
 * management port: it says how fresh the prices are and which sources feed them, and nothing about the machine. Typed
 * record rendered by Micronaut: a page polls it every few seconds, no hot path.
 */
@Controller("/v1/status")
@Tag(name = "health")
class StatusController {
    private final SystemStatus status;

    StatusController(SystemStatus status) {
        this.status = status;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "A summary of the system's health (for the dashboard)",
            description = "Tier freshness, exchanges' circuit breakers and streams, Redis and DynamoDB, request rate; "
                    + "as seen by the instance that answers.")
    @ApiResponse(
            responseCode = "200",
            description = "the summary",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = StatusResponse.class)))
    @ErrorResponses.RateLimited
    CompletableFuture<HttpResponse<StatusResponse>> status() {
        return status.current()
                .thenApply(summary -> HttpResponse.ok(summary)
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .header("Cache-Control", "no-store"));
    }
}
