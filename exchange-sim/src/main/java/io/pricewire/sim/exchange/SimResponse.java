package io.pricewire.sim.exchange;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer before it is written. {@code rateLimited} marks the exchange's rate-limit answers so the
 * sim can count them.
 */
public record SimResponse(int status, Map<String, String> headers, byte[] body, boolean rateLimited) {
    public static final String JSON = "application/json;charset=utf-8";

    public SimResponse {
        headers = Map.copyOf(headers);
    }

    public static SimResponse json(int status, byte[] body) {
        return new SimResponse(status, Map.of("Content-Type", JSON), body, false);
    }

    public static SimResponse json(int status, String body) {
        return json(status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same answer with extra headers (existing names are replaced). */
    public SimResponse withHeaders(Map<String, String> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new SimResponse(status, merged, body, rateLimited);
    }

    public SimResponse withHeader(String name, String value) {
        return withHeaders(Map.of(name, value));
    }

    /** The same answer, marked as a rate-limit answer. */
    public SimResponse asRateLimited() {
        return new SimResponse(status, headers, body, true);
    }

    public SimResponse withBody(byte[] newBody) {
        return new SimResponse(status, headers, newBody, rateLimited);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
