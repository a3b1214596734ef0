package io.pricewire.service.coingecko;

import io.micronaut.http.HttpStatus;

/**
 * A request to the CoinGecko-compatible API that ends in one of CoinGecko's error answers, {@code {"error":"…"}}
 * ({@link io.pricewire.service.errors.CoinGeckoErrors}). No stack trace: these are answers, not faults.
 */
public final class CoinGeckoException extends RuntimeException {
    private final HttpStatus status;

    public CoinGeckoException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** 422 {@code Missing parameter <name>}, CoinGecko's answer to a required parameter left out. */
    public static CoinGeckoException missing(String parameter) {
        return new CoinGeckoException(HttpStatus.UNPROCESSABLE_ENTITY, "Missing parameter " + parameter);
    }

    /** 400 for a parameter with a value Pricewire cannot answer. */
    public static CoinGeckoException badRequest(String message) {
        return new CoinGeckoException(HttpStatus.BAD_REQUEST, message);
    }

    /** 404 {@code coin not found}, CoinGecko's answer to an unknown id in a path. */
    public static CoinGeckoException coinNotFound() {
        return new CoinGeckoException(HttpStatus.NOT_FOUND, "coin not found");
    }
}
