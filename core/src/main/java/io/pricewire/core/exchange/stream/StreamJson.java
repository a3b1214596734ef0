package io.pricewire.core.exchange.stream;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricewire.core.exchange.AdapterSupport;
import io.pricewire.core.exchange.Listing;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reading and writing stream messages, and turning ticker fields into a {@link StreamTick}. */
final class StreamJson {

    /**
     * Kraken sends prices as JSON numbers, so they are read as {@link BigDecimal} with their scale kept
     * ({@code 105944.20} stays {@code 105944.20}; Jackson strips trailing zeros by default). Trailing tokens fail, as
     * in the REST adapters, so a JSON prefix followed by garbage is malformed rather than half-read.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private StreamJson() {}

    /** The parsed message, or {@code null} when it is not JSON. */
    static JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JacksonException e) {
            return null;
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    /**
     * A tick, or {@code null} when the name is not text, the price is missing, not a sane decimal or not positive, or
     * the time ({@code null} here) could not be read.
     *
     * @param eventTime the exchange's time, already capped at the receive time
     */
    static StreamTick tick(JsonNode name, JsonNode price, Instant eventTime, JsonNode volume) {
        if (name == null || !name.isTextual() || name.textValue().isEmpty() || eventTime == null) {
            return null;
        }
        BigDecimal value = AdapterSupport.decimal(price);
        if (value == null || value.signum() <= 0) {
            return null;
        }
        return new StreamTick(name.textValue(), value, eventTime, AdapterSupport.volume(volume));
    }

    /** The stream names of {@code listings}, each once, in first-seen order: a duplicate is subscribed once. */
    static List<String> names(StreamProtocol protocol, List<Listing> listings) {
        return listings.stream().map(protocol::streamName).distinct().toList();
    }

    /** {@code values} in consecutive runs of at most {@code size}, in order. */
    static <T> List<List<T>> chunks(List<T> values, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += size) {
            chunks.add(List.copyOf(values.subList(from, Math.min(values.size(), from + size))));
        }
        return chunks;
    }

    /** A short one-line excerpt of a message, for logs. */
    static String snippet(String text) {
        return AdapterSupport.snippet(text);
    }
}
