package io.pricewire.service.errors;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the framework itself produces (unknown path, wrong method, malformed request,
 * oversize body, an unexpected exception) in the API's JSON error shape — never HTML (the default
 * would answer HTML to a browser), never a class name, stack trace or internal host.
 */
@Singleton
@Primary
final class JsonErrorResponseProcessor implements ErrorResponseProcessor<byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorResponseProcessor.class);

    @Override
    @NonNull
    public MutableHttpResponse<byte[]> processResponse(
            @NonNull ErrorContext context, @NonNull MutableHttpResponse<?> response) {
        int status = response.code();
        if (status >= 500) {
            context.getRootCause()
                    .ifPresent(t -> LOG.error(
                            "unhandled error on {} {}",
                            context.getRequest().getMethodName(),
                            context.getRequest().getPath(),
                            t));
        }
        @SuppressWarnings("unchecked")
        MutableHttpResponse<byte[]> typed = (MutableHttpResponse<byte[]>) response;
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return typed;
        }
        return typed.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(ApiErrors.body(ApiErrors.codeFor(status), ApiErrors.messageFor(status), null));
    }
}
