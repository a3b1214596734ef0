package io.pricewire.sim.exchange;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Streams JSON bodies and messages; bulk tickers for thousands of assets are written without building a tree first. */
final class JsonBodies {
    /** Stateless and thread-safe: one factory serves every request. */
    private static final JsonFactory FACTORY = new JsonFactory();

    @FunctionalInterface
    interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonBodies() {}

    /** The JSON as a string, for a WebSocket text message. */
    static String text(Writer writer) {
        return new String(write(writer), StandardCharsets.UTF_8);
    }

    static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a JSON body to memory failed", e);
        }
        return out.toByteArray();
    }
}
