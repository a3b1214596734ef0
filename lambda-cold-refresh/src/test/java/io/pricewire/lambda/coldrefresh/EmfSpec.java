package io.pricewire.lambda.coldrefresh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a log line against the CloudWatch Embedded Metric Format specification: a JSON object
 * with an {@code _aws} object holding a whole-number {@code Timestamp} (epoch ms) and a
 * {@code CloudWatchMetrics} array of directives, each with a {@code Namespace} string,
 * {@code Dimensions} as an array of dimension sets (arrays of ≤ 30 strings) and {@code Metrics}
 * (≤ 100 of {@code {Name, Unit}}); every dimension named must be a top-level string member and
 * every metric named a top-level number (or array of numbers).
 */
final class EmfSpec {
    static final Set<String> UNITS = Set.of(
            "Seconds",
            "Microseconds",
            "Milliseconds",
            "Bytes",
            "Kilobytes",
            "Megabytes",
            "Gigabytes",
            "Terabytes",
            "Bits",
            "Kilobits",
            "Megabits",
            "Gigabits",
            "Terabits",
            "Percent",
            "Count",
            "Bytes/Second",
            "Kilobytes/Second",
            "Megabytes/Second",
            "Gigabytes/Second",
            "Terabytes/Second",
            "Bits/Second",
            "Kilobits/Second",
            "Megabits/Second",
            "Gigabits/Second",
            "Terabits/Second",
            "Count/Second",
            "None");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmfSpec() {}

    /** The spec violations of {@code line}; empty when it is a valid EMF document. */
    static List<String> violations(String line) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return List.of("root is not a JSON object");
        }
        JsonNode aws = root.get("_aws");
        if (aws == null || !aws.isObject()) {
            return List.of("_aws object missing");
        }
        JsonNode timestamp = aws.get("Timestamp");
        if (timestamp == null || !timestamp.isIntegralNumber() || timestamp.asLong() <= 0) {
            problems.add("_aws.Timestamp must be a positive whole number of epoch milliseconds");
        }
        JsonNode directives = aws.get("CloudWatchMetrics");
        if (directives == null || !directives.isArray() || directives.isEmpty()) {
            problems.add("_aws.CloudWatchMetrics must be a non-empty array");
            return problems;
        }
        for (JsonNode directive : directives) {
            checkDirective(root, directive, problems);
        }
        return problems;
    }

    private static void checkDirective(JsonNode root, JsonNode directive, List<String> problems) {
        if (!directive.isObject()) {
            problems.add("a CloudWatchMetrics entry is not an object");
            return;
        }
        JsonNode namespace = directive.get("Namespace");
        if (namespace == null
                || !namespace.isTextual()
                || namespace.asText().isEmpty()
                || namespace.asText().length() > 255) {
            problems.add("Namespace must be a string of 1–255 characters");
        }
        JsonNode dimensions = directive.get("Dimensions");
        if (dimensions == null || !dimensions.isArray()) {
            problems.add("Dimensions must be an array of dimension sets");
        } else {
            for (JsonNode set : dimensions) {
                if (!set.isArray() || set.size() > 30) {
                    problems.add("a dimension set must be an array of at most 30 dimension names");
                    continue;
                }
                for (JsonNode name : set) {
                    if (!name.isTextual()) {
                        problems.add("dimension names must be strings");
                    } else if (root.get(name.asText()) == null
                            || !root.get(name.asText()).isTextual()) {
                        problems.add("dimension " + name.asText() + " is not a top-level string member");
                    }
                }
            }
        }
        JsonNode metrics = directive.get("Metrics");
        if (metrics == null || !metrics.isArray() || metrics.size() > 100) {
            problems.add("Metrics must be an array of at most 100 metric definitions");
            return;
        }
        for (JsonNode metric : metrics) {
            JsonNode name = metric.get("Name");
            if (name == null
                    || !name.isTextual()
                    || name.asText().isEmpty()
                    || name.asText().length() > 255) {
                problems.add("a metric definition has no valid Name");
                continue;
            }
            JsonNode unit = metric.get("Unit");
            if (unit != null && (!unit.isTextual() || !UNITS.contains(unit.asText()))) {
                problems.add("metric " + name.asText() + " has an invalid Unit " + unit);
            }
            JsonNode value = root.get(name.asText());
            boolean numeric =
                    value != null && (value.isNumber() || (value.isArray() && !value.isEmpty() && allNumbers(value)));
            if (!numeric) {
                problems.add("metric " + name.asText() + " is not a top-level number");
            }
        }
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode v : array) {
            if (!v.isNumber()) {
                return false;
            }
        }
        return true;
    }
}
