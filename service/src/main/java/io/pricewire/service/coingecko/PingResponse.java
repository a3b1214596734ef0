package io.pricewire.service.coingecko;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * CoinGecko's {@code /ping} answer, verbatim.
 *
 * @param geckoSays always {@code (V3) To the Moon!}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "CoinGeckoPing", description = "CoinGecko's ping answer.")
public record PingResponse(
        @JsonProperty("gecko_says") @Schema(requiredMode = REQUIRED, example = "(V3) To the Moon!")
        String geckoSays) {
    static final PingResponse MOON = new PingResponse("(V3) To the Moon!");
}
