package io.pricewire.sim.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.function.Function;

/** Reads a client's text frame as JSON the way every stream must first: a frame that is not JSON gets an error. */
final class ClientFrames {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClientFrames() {}

    /**
     * The frame as JSON (a missing node when it is empty), or {@code null} when it is not JSON, after sending the
     * exchange's answer to that, {@code malformed} of the parse error, on {@code session}.
     */
    static JsonNode read(String text, WsSession session, Function<JsonProcessingException, String> malformed) {
        try {
            JsonNode msg = JSON.readTree(text);
            return msg == null ? MissingNode.getInstance() : msg;
        } catch (JsonProcessingException e) {
            session.sendControl(malformed.apply(e));
            return null;
        }
    }
}
