package io.pricewire.service.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.sim.ExchangeSim;
import io.pricewire.sim.SimConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulator of the streams tests' own (their faults must not reach other test classes), without rate limits so a
 * service's warm-up takes no time, and the properties of a service that runs the streams against it.
 */
final class StreamStack {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamStack() {}

    static ExchangeSim startSim() {
        try {
            return ExchangeSim.start(SimConfig.defaults().withEphemeralPorts().withRateLimitsEnforced(false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link TestStack#properties} with the streams on, every exchange at {@code sim}, then {@code overrides}. */
    static Map<String, String> properties(ExchangeSim sim, Map<String, String> overrides) {
        Map<String, String> p = TestStack.properties(TestStack.FIXED_TIERS);
        for (ExchangeId e : ExchangeId.values()) {
            p.put("pricewire.exchanges." + e.label(), sim.baseUri(e).toString());
        }
        p.put("pricewire.streams.enabled", "true");
        p.putAll(overrides);
        return new HashMap<>(p);
    }

    /** How old each served price of {@code symbols} is now, by its timestamp; fails on a price stamped in the future. */
    static List<Duration> ages(Http http, List<String> symbols) {
        Http.Answer answer = http.get("/v1/prices?symbols=" + String.join(",", symbols));
        if (answer.status() != 200) {
            throw new AssertionError("batch GET answered " + answer.status() + ": " + answer.body());
        }
        Instant now = Instant.now();
        List<Duration> ages = new ArrayList<>();
        try {
            for (JsonNode price : JSON.readTree(answer.body()).path("prices")) {
                Instant stamped = Instant.parse(price.path("timestamp").asText());
                if (stamped.isAfter(now)) {
                    throw new AssertionError(price.path("symbol").asText() + " is stamped in the future: " + stamped);
                }
                ages.add(Duration.between(stamped, now));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ages;
    }

    /** The text of the top-level field {@code name} of the JSON {@code body}. */
    static String field(String body, String name) {
        try {
            return JSON.readTree(body).path(name).asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code q} quantile of {@code ages}. */
    static Duration quantile(List<Duration> ages, double q) {
        List<Duration> sorted = ages.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }
}
