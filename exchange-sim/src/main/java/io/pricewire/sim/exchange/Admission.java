package io.pricewire.sim.exchange;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A dialect's rate-limit verdict on one request: a rejection to send instead of the answer, and headers
 * to put on whatever answer goes out (Binance reports its used weight on every response).
 */
public record Admission(Optional<SimResponse> rejection, Map<String, String> headers) {
    public static final Admission ALLOWED = new Admission(Optional.empty(), Map.of());

    public Admission {
        headers = Map.copyOf(headers);
    }

    public static Admission allowed(Map<String, String> headers) {
        return new Admission(Optional.empty(), headers);
    }

    public static Admission rejected(SimResponse response) {
        return new Admission(Optional.of(response.asRateLimited()), Map.of());
    }

    /** {@link #ALLOWED} when {@code admitted}, else rejected with {@code rejection}'s answer (built only then). */
    public static Admission of(boolean admitted, Supplier<SimResponse> rejection) {
        return admitted ? ALLOWED : rejected(rejection.get());
    }
}
