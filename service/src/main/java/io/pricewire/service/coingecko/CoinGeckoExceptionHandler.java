package io.pricewire.service.coingecko;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.pricewire.service.errors.CoinGeckoErrors;
import jakarta.inject.Singleton;

/** Answers a {@link CoinGeckoException} with CoinGecko's {@code {"error":"…"}} body. */
@Produces
@Singleton
@Requires(classes = {CoinGeckoException.class, ExceptionHandler.class})
final class CoinGeckoExceptionHandler implements ExceptionHandler<CoinGeckoException, HttpResponse<byte[]>> {
    @Override
    public HttpResponse<byte[]> handle(HttpRequest request, CoinGeckoException exception) {
        return CoinGeckoErrors.response(exception.status(), exception.getMessage());
    }
}
