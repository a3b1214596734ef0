package io.pricewire.core.exchange.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.exchange.Listing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** What the stream protocol tests share: a receive time after every documented example, and hostile inputs. */
final class StreamSamples {

    /** Later than every event time in the reference's examples, so none of them is capped. */
    static final Instant RECEIVED = Instant.parse("2026-11-01T00:00:00Z");

    private StreamSamples() {}

    /**
     * A payload printed in the docs as JavaScript with {@code //} comments, as JSON: the comments go, the text stays
     * as the docs print it. (No documented value holds {@code //}.)
     */
    static String withoutComments(String javascript) {
        return javascript.replaceAll("//[^\\n]*", "");
    }

    /** {@code count} listings named {@code <prefix><n><suffix>}, e.g. {@code C17-USD}. */
    static List<Listing> listings(int count, String prefix, String suffix) {
        return IntStream.range(0, count)
                .mapToObj(n -> new Listing("C" + n, prefix + n + suffix))
                .toList();
    }

    /** Messages no exchange sends, which each protocol must read as something other than ticks, without throwing. */
    static List<String> hostile() {
        List<String> inputs = new ArrayList<>(List.of(
                "",
                "   ",
                "null",
                "42",
                "\"text\"",
                "[]",
                "{}",
                "{\"a\":",
                "{\"type\":\"ticker\",\"price\":",
                "<html>502 Bad Gateway</html>",
                "{\"a\":1} trailing",
                "{\"a\":1e999999999}",
                "{\"a\":\"" + "x".repeat(100_000) + "\"}"));
        inputs.add(null);
        inputs.add("[".repeat(5_000) + "]".repeat(5_000));
        inputs.add("{\"a\":" + "9".repeat(5_000) + "}");
        return inputs;
    }

    static void assertNoTicks(StreamMessage message) {
        assertThat(message).isNotNull();
        assertThat(message.kind()).isIn(StreamMessage.Kind.MALFORMED, StreamMessage.Kind.IGNORED);
        assertThat(message.ticks()).isEmpty();
    }
}
