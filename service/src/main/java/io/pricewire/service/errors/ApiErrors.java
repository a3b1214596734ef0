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

/** Renders the API's error body {@code {"error":"<code>","message":"<sentence>"}}. */
public final class ApiErrors {
    private static final JsonFactory JSON = new JsonFactory();

    private ApiErrors() {}

    public static MutableHttpResponse<byte[]> response(
            HttpStatus status, String code, String message, byte[] extraJsonField) {
        return HttpResponse.<byte[]>status(status)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(body(code, message, extraJsonField));
    }

    /**
     * 429 {@code rate_limited} with {@code Retry-After}: the whole seconds until the caller may try
     * again, at least 1. {@code what} says who is limited ("requests from this client").
     */
    public static MutableHttpResponse<byte[]> rateLimited(String what, long waitNanos) {
        long retryAfter = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return response(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "rate_limited",
                        "Too many " + what + "; retry after " + retryAfter + " s.",
                        null)
                .header("Retry-After", Long.toString(retryAfter));
    }

    public static MutableHttpResponse<byte[]> response(ApiException e) {
        return response(e.status(), e.code(), e.getMessage(), e.extraJsonField());
    }

    public static byte[] body(String code, String message, byte[] extraJsonField) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("error", code);
            g.writeStringField("message", message);
            if (extraJsonField != null) {
                g.flush();
                out.write(',');
                out.write(extraJsonField);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The code and sentence for a status the framework produced (no route, wrong method, oversize…). */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "invalid_request";
        };
    }

    public static String messageFor(int status) {
        return switch (status) {
            case 403 -> "This request is not allowed from this origin.";
            case 404 -> "No such resource; see /openapi.yml for the API.";
            case 405 -> "This method is not allowed on this resource.";
            case 413 -> "The request is too large.";
            case 414 -> "The request line is too long.";
            case 415 -> "Unsupported content type.";
            case 406 -> "This resource only produces application/json.";
            case 503 -> "The service is temporarily unavailable.";
            default -> status >= 500 ? "An internal error occurred." : "The request is malformed.";
        };
    }
}
