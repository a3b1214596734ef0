package io.pricewire.core.exchange;

import io.pricewire.core.exchange.TickerResponse.FailureKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The exchanges' documented sample bodies, kept as test resources next to this package, and ways to read answers. */
public final class Samples {

    private Samples() {}

    /** The sample's text; a missing resource fails the test rather than skipping it. */
    public static String body(String name) {
        try (InputStream in = Samples.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, List<String>> noHeaders() {
        return Map.of();
    }

    public static Map<String, List<String>> retryAfter(String value) {
        return Map.of("retry-after", List.of(value));
    }

    /** The kind of failure {@code adapter} reads from a ticker answer without headers. */
    public static FailureKind failureKind(
            ExchangeAdapter adapter, TickerRequest request, int status, String body, Instant receivedAt) {
        return adapter.parse(request, status, noHeaders(), body, receivedAt)
                .failure()
                .kind();
    }

    /** The kind of failure {@code adapter} reads from a listing answer without headers. */
    public static FailureKind listingFailureKind(ExchangeAdapter adapter, int status, String body, Instant receivedAt) {
        return adapter.parseListing(status, noHeaders(), body, receivedAt)
                .failure()
                .kind();
    }
}
