package io.pricewire.service.errors;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The {@code status} of CoinGecko's error bodies, as in its 429.
 *
 * @param errorCode    the HTTP status, 429
 * @param errorMessage a sentence for people
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "CoinGecko's error status.")
public record CoinGeckoErrorStatus(
        @JsonProperty("error_code") @Schema(requiredMode = REQUIRED, description = "429.", example = "429")
        int errorCode,

        @JsonProperty("error_message")
        @Schema(requiredMode = REQUIRED, description = "A sentence for people; its wording may change.")
        String errorMessage) {}
