package io.pricewire.service.health;

import io.pricewire.service.startup.WarmUp;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;

/**
 * The one health answer on the public port, for the load balancer's target group: 200 once the
 * warm-up has finished, else 503 — the same decision as {@code /health/readiness}, whose details
 * (dependencies, warm-up progress) stay on the management port with the other management endpoints.
 * A dead Redis or DynamoDB leaves it 200: the instance still answers from the other layers.
 */
@Controller("/healthz")
@Tag(name = "health")
class PublicHealthController {
    private static final byte[] UP = "{\"status\":\"UP\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DOWN = "{\"status\":\"DOWN\"}".getBytes(StandardCharsets.US_ASCII);
    private final WarmUp warmUp;

    PublicHealthController(WarmUp warmUp) {
        this.warmUp = warmUp;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether this instance is ready for traffic (for load balancers)")
    @ApiResponse(responseCode = "200", description = "{\"status\":\"UP\"}")
    @ApiResponse(responseCode = "503", description = "{\"status\":\"DOWN\"} while warming up")
    HttpResponse<byte[]> health() {
        boolean ready = warmUp.isDone();
        return HttpResponse.<byte[]>status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").body(ready ? UP : DOWN);
    }
}
