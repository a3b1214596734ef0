package io.pricewire.service.errors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The error bodies of the CoinGecko-compatible API under {@code /api/v3}, in CoinGecko's own shapes, which its clients
 * parse: {@code {"error":"<sentence>"}} for a bad request (422 for a missing parameter, 404 for an unknown coin), and
 * {@code {"status":{"error_code":429,"error_message":…}}} for the rate limit.
 */
public final class CoinGeckoErrors {
    /** Where the CoinGecko-compatible API lives: requests under it get these bodies. */
    public static final String PREFIX = "/api/v3/";

    private static final JsonFactory JSON = new JsonFactory();

    private CoinGeckoErrors() {}

    /** {@code {"error":"<message>"}}. */
    public static MutableHttpResponse<byte[]> response(HttpStatus status, String message) {
        return HttpResponse.<byte[]>status(status)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(body(message));
    }

    public static byte[] body(String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * 429 with CoinGecko's body and {@code Retry-After} in whole seconds, at least 1. The official TypeScript client
     * sleeps the whole {@code Retry-After} with no cap, so it is never more than the limiter's own wait, rounded up.
     */
    public static MutableHttpResponse<byte[]> rateLimited(long waitNanos) {
        long retryAfter = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("status");
            g.writeNumberField("error_code", 429);
            g.writeStringField(
                    "error_message", "You've exceeded the Rate Limit. Please retry after " + retryAfter + " s.");
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.<byte[]>status(HttpStatus.TOO_MANY_REQUESTS)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", Long.toString(retryAfter))
                .body(out.toByteArray());
    }
}
