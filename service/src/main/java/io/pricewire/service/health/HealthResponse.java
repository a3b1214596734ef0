package io.pricewire.service.health;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The public health answer: {@code {"status":"UP"}} once warmed up, else {@code {"status":"DOWN"}}. */
@Serdeable
@Schema(description = "Whether this instance takes traffic.")
record HealthResponse(
        @Schema(
                requiredMode = REQUIRED,
                description = "UP when ready, DOWN while warming up.",
                allowableValues = {"UP", "DOWN"})
        String status) {
    static final HealthResponse UP = new HealthResponse("UP");
    static final HealthResponse DOWN = new HealthResponse("DOWN");
}
