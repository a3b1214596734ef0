package io.pricewire.service.errors;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Gives a JSON error body to any error response that left without one — such as the bare 403
 * Micronaut's CORS filter answers to a foreign {@code Origin} — so no client ever sees an empty or
 * non-JSON error — and marks every error {@code no-store} for shared caches. Runs outermost, after
 * every other filter has had its say.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class JsonErrorBodyFilter implements Ordered {

    @ResponseFilter
    @SuppressWarnings("unchecked")
    void fillErrorBody(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.code();
        if (status < 400) {
            return;
        }
        // an edge cache would otherwise keep an error (CloudFront holds some for 10 s by default)
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        if (response.getBody().isPresent() || request.getMethod() == HttpMethod.HEAD) {
            return;
        }
        ((MutableHttpResponse<byte[]>) response)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(ApiErrors.body(ApiErrors.codeFor(status), ApiErrors.messageFor(status), null));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
