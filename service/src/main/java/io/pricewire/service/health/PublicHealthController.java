package io.pricewire.service.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.pricewire.service.startup.WarmUp;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The one health answer on the public port, for the load balancer's target group: 200 once the
 * warm-up has finished, else 503 — the same decision as {@code /health/readiness}, whose details
 * (dependencies, warm-up progress) stay on the management port with the other management endpoints.
 * A dead Redis or DynamoDB leaves it 200: the instance still answers from the other layers.
 * Returns the typed record: a load balancer's few checks a second are no hot path.
 */
@Controller("/healthz")
@Tag(name = "health")
class PublicHealthController {
    private final WarmUp warmUp;

    PublicHealthController(WarmUp warmUp) {
        this.warmUp = warmUp;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether this instance is ready for traffic (for load balancers)")
    @ApiResponse(
            responseCode = "200",
            description = "ready: {\"status\":\"UP\"}",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = HealthResponse.class)))
    @ApiResponse(
            responseCode = "503",
            description = "warming up: {\"status\":\"DOWN\"}",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = HealthResponse.class)))
    HttpResponse<HealthResponse> health() {
        boolean ready = warmUp.isDone();
        return HttpResponse.<HealthResponse>status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .body(ready ? HealthResponse.UP : HealthResponse.DOWN);
    }
}
