package io.pricewire.service.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** Reads the files of {@code monitoring/}: rule files, dashboards and the PromQL in them. */
final class MonitoringFiles {
    static final ObjectMapper JSON = new ObjectMapper();
    /** What Grafana's built-in variables are replaced with to get plain PromQL. */
    private static final Map<String, String> BUILT_INS = Map.of(
            "__rate_interval",
            "5m",
            "__interval",
            "1m",
            "__range",
            "1h",
            "__interval_ms",
            "60000",
            "__range_s",
            "3600",
            "__range_ms",
            "3600000");

    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\[\\[(\\w+)(?::[^]]*)?]]|\\$(\\w+)");
    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\((.*),\\s*\\w+\\s*\\)\\s*$", Pattern.DOTALL);

    private final Path root;

    MonitoringFiles(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path prometheusConfig() {
        return root.resolve("monitoring/prometheus/prometheus.yml");
    }

    List<Path> ruleFiles() {
        return list(root.resolve("monitoring/prometheus/rules"), ".yml");
    }

    List<Path> ruleTestFiles() {
        return list(root.resolve("monitoring/prometheus/tests"), ".yml");
    }

    List<Path> dashboards() {
        return list(root.resolve("monitoring/grafana/dashboards"), ".json");
    }

    String relative(Path file) {
        return root.relativize(file).toString();
    }

    /** One PromQL expression and where it was written. */
    record Query(String file, String where, String expr) {}

    /** Every rule of a rules file, as parsed YAML maps (alert or record, expr, for, labels, annotations). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rules(Path file) {
        Map<String, Object> doc = yaml(file);
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) doc.getOrDefault("groups", List.of())) {
            rules.addAll((List<Map<String, Object>>) group.getOrDefault("rules", List.of()));
        }
        return rules;
    }

    List<Query> ruleQueries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (Map<String, Object> rule : rules(file)) {
                Object name = rule.containsKey("alert") ? "alert " + rule.get("alert") : "record " + rule.get("record");
                queries.add(new Query(relative(file), name.toString(), String.valueOf(rule.get("expr"))));
            }
        }
        return queries;
    }

    /**
     * The PromQL of every panel target and every {@code label_values} variable of every dashboard,
     * with Grafana variables replaced: built-ins by a plausible value, the dashboard's own by
     * their "All" value (or {@code .*}). A variable the dashboard does not define is an error.
     */
    List<Query> dashboardQueries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : dashboards()) {
            JsonNode dashboard = json(file);
            Map<String, String> values = new HashMap<>(BUILT_INS);
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                JsonNode all = variable.get("allValue");
                values.put(
                        variable.get("name").asText(),
                        all != null && !all.isNull() && !all.asText().isEmpty() ? all.asText() : ".*");
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if ("query".equals(variable.path("type").asText())) {
                    JsonNode q = variable.path("query");
                    String text = q.isObject() ? q.path("query").asText() : q.asText();
                    Matcher m = LABEL_VALUES.matcher(text);
                    if (m.matches()) {
                        queries.add(new Query(
                                relative(file),
                                "variable $" + variable.get("name").asText(),
                                substitute(m.group(1), values, file)));
                    }
                }
            }
            collectTargets(dashboard.path("panels"), file, values, queries);
        }
        return queries;
    }

    private void collectTargets(JsonNode panels, Path file, Map<String, String> values, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr") && !target.get("expr").asText().isBlank()) {
                    String where = "panel '" + panel.path("title").asText() + "' (id "
                            + panel.path("id").asText() + ") target "
                            + target.path("refId").asText();
                    queries.add(new Query(
                            relative(file), where, substitute(target.get("expr").asText(), values, file)));
                }
            }
            collectTargets(panel.path("panels"), file, values, queries);
        }
    }

    private String substitute(String expr, Map<String, String> values, Path file) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = values.get(name);
            if (value == null) {
                throw new AssertionError(relative(file) + " uses the variable $" + name
                        + ", which is neither a Grafana built-in nor defined in its templating: " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> yaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> doc = new Yaml().load(reader);
            return doc == null ? Map.of() : doc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
