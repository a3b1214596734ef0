package io.pricewire.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdapterSupportTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void shouldReadRetryAfterSecondsWhenHeaderHoldsDelaySeconds() {
        assertThat(AdapterSupport.retryAfter(Map.of("retry-after", List.of("120")), RECEIVED))
                .isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void shouldMeasureRetryAfterFromReceiveTimeWhenHeaderHoldsHttpDate() {
        Duration wait =
                AdapterSupport.retryAfter(Map.of("retry-after", List.of("Thu, 01 Jan 2026 00:00:30 GMT")), RECEIVED);

        assertThat(wait).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldReturnNullRetryAfterWhenHeaderAbsentOrGarbage() {
        assertThat(AdapterSupport.retryAfter(Map.of(), RECEIVED)).isNull();
        assertThat(AdapterSupport.retryAfter(Map.of("retry-after", List.of("soon")), RECEIVED))
                .isNull();
        assertThat(AdapterSupport.retryAfter(Map.of("retry-after", List.of("-5")), RECEIVED))
                .isNull();
    }

    @Test
    void shouldFindHeaderWhenNameCaseDiffers() {
        assertThat(AdapterSupport.retryAfter(Map.of("Retry-After", List.of("7")), RECEIVED))
                .isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void shouldRejectDecimalWhenExponentIsAbsurd() {
        assertThat(AdapterSupport.decimal(AdapterSupport.JSON.getNodeFactory().textNode("1e-999")))
                .isNull();
        assertThat(AdapterSupport.decimal(AdapterSupport.JSON.getNodeFactory().textNode("NaN")))
                .isNull();
        assertThat(AdapterSupport.decimal(AdapterSupport.JSON.getNodeFactory().textNode(" 1.50 ")))
                .isEqualByComparingTo("1.5");
    }

    @Test
    void shouldTreatTrailingGarbageAsNotJsonWhenBodyHasJsonPrefix() {
        assertThat(AdapterSupport.readJson("{\"a\":1}<html>")).isNull();
        assertThat(AdapterSupport.readJson("")).isNull();
    }
}
