package io.pricewire.service.errors;

import io.micronaut.http.HttpStatus;

/**
 * A request that ends in one of the API's documented errors (docs/architecture.md §5). No stack
 * trace is captured: these are answers, not faults.
 *
 * @see ApiErrors
 */
public final class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String code;
    private final byte[] extraJsonField;

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, null);
    }

    /** {@code extraJsonField} is a pre-rendered {@code "name":value} pair appended to the error body, or null. */
    public ApiException(HttpStatus status, String code, String message, byte[] extraJsonField) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.extraJsonField = extraJsonField;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public byte[] extraJsonField() {
        return extraJsonField;
    }

    public static ApiException invalidSymbol(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_symbol", message);
    }

    public static ApiException invalidRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }

    public static ApiException unknownSymbol(String symbol) {
        return new ApiException(
                HttpStatus.NOT_FOUND, "unknown_symbol", "No asset with the symbol " + symbol + " is tracked.");
    }

    public static ApiException unauthorized() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid X-Api-Key header is required.");
    }
}
