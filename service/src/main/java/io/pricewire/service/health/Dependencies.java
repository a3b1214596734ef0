package io.pricewire.service.health;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Redis and DynamoDB in the {@link StatusResponse}: {@code UP} or {@code DOWN}, from the readiness probe. A record of
 * its own rather than nested: the OpenAPI generator names a nested record held by a plain field after its outer class.
 */
@Serdeable
@Schema(name = "Dependencies", description = "Redis and DynamoDB, as the readiness probe last found them.")
record Dependencies(
        @Schema(
                requiredMode = REQUIRED,
                description = "Redis.",
                allowableValues = {"UP", "DOWN"})
        String redis,

        @Schema(
                requiredMode = REQUIRED,
                description = "DynamoDB.",
                allowableValues = {"UP", "DOWN"})
        String dynamodb) {}
