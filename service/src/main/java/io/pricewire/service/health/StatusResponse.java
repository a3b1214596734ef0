package io.pricewire.service.health;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/status}: the system's health as the dashboard shows it — a summary of what the management port's
 * readiness and metrics say in detail, small and safe enough to be public. Everything in it is as seen by the instance
 * that answers.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "A summary of the system's health, as seen by the instance that answers.")
record StatusResponse(
        @Schema(requiredMode = REQUIRED, description = "When the summary was made (ISO-8601 UTC).")
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        Instant timestamp,

        @Schema(requiredMode = REQUIRED, description = "Whether the instance has warmed up and takes traffic.")
        boolean ready,

        @Schema(requiredMode = REQUIRED, description = "Per tier: its oldest price against the tier's staleness limit.")
        List<TierFreshness> tiers,

        @Schema(requiredMode = REQUIRED, description = "Per exchange: its circuit breaker and its WebSocket stream.")
        List<ExchangeState> exchanges,

        @Schema(requiredMode = REQUIRED, description = "Redis and DynamoDB, as the readiness probe last found them.")
        Dependencies dependencies,

        @Schema(
                requiredMode = REQUIRED,
                description = "HTTP requests this instance answered per second, over about the last 10 seconds.",
                minimum = "0")
        double requestsPerSecond) {

    /** The oldest price of one tier; {@code fresh} while it is within the age at which a price is reported stale. */
    @Serdeable
    @Schema(name = "TierFreshness", description = "The oldest price of a tier against its staleness limit.")
    record TierFreshness(
            @Schema(
                    requiredMode = REQUIRED,
                    description = "The tier.",
                    allowableValues = {"hot", "medium", "cold"})
            String tier,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "Age of the tier's oldest price in milliseconds (a member without a price "
                            + "counts as old as the instance).",
                    minimum = "0")
            long oldestAgeMs,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "The age past which a price of the tier is stale: twice its interval.",
                    minimum = "0")
            long limitMs,

            @Schema(requiredMode = REQUIRED, description = "Whether the oldest price is within the limit.")
            boolean fresh) {}

    /** One exchange's circuit breaker ({@code closed}, {@code half_open}, {@code open}) and stream state. */
    @Serdeable
    @Schema(name = "ExchangeState", description = "An exchange's circuit breaker and WebSocket stream.")
    record ExchangeState(
            @Schema(requiredMode = REQUIRED, description = "The exchange's name.", example = "binance")
            String exchange,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "The REST calls' circuit breaker: open stops calls to a failing exchange.",
                    allowableValues = {"closed", "half_open", "open"})
            String circuit,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "contributing: connected and its quotes count; connected: open but silent "
                            + "or behind; down: not connected; standby: another instance runs the streams; "
                            + "disabled: streams are off.",
                    allowableValues = {"contributing", "connected", "down", "standby", "disabled"})
            String stream) {}
}
