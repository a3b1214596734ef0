package io.pricewire.core.exchange.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a body as UTF-8 text (JSON's encoding) up to a size limit: a longer body — announced by
 * {@code Content-Length} or found while streaming — fails with {@link BodyTooLargeException} and the
 * exchange is cancelled, so a broken or hostile endpoint cannot fill the heap.
 */
final class BoundedBodyHandler implements HttpResponse.BodyHandler<String> {
    private final long maxBytes;

    BoundedBodyHandler(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
        long announced = info.headers().firstValueAsLong("content-length").orElse(-1);
        return new Subscriber(maxBytes, announced > maxBytes);
    }

    /** A body over the limit. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long maxBytes) {
            super("body larger than " + maxBytes + " bytes");
        }
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<String> {
        private final long maxBytes;
        private final boolean announcedTooLarge;
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Subscriber(long maxBytes, boolean announcedTooLarge) {
            this.maxBytes = maxBytes;
            this.announcedTooLarge = announcedTooLarge;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (announcedTooLarge) {
                tooLarge();
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : items) {
                if (bytes.size() + (long) buffer.remaining() > maxBytes) {
                    tooLarge();
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toString(StandardCharsets.UTF_8));
        }

        private void tooLarge() {
            subscription.cancel();
            body.completeExceptionally(new BodyTooLargeException(maxBytes));
        }
    }
}
