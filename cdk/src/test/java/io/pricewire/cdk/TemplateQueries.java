package io.pricewire.cdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Small reads of a synthesized template that the assertions library has no matcher for. */
public final class TemplateQueries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateQueries() {}

    /** Resources of {@code type}, as logical id → resource. */
    public static Map<String, Map<String, Object>> resources(Template template, String type) {
        return template.findResources(type, Match.anyValue());
    }

    /** The one resource of {@code type} whose logical id starts with {@code prefix}. */
    public static Map.Entry<String, Map<String, Object>> resource(Template template, String type, String prefix) {
        List<Map.Entry<String, Map<String, Object>>> found = resources(template, type).entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " with logical id " + prefix + "*, found " + found.size()
                    + ": " + found.stream().map(Map.Entry::getKey).toList());
        }
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    /** Every string literal inside {@code node}, concatenated: the readable text of an Fn::Join (user data, dashboard body). */
    public static String text(Object node) {
        StringBuilder out = new StringBuilder();
        collectStrings(node, out);
        return out.toString();
    }

    private static void collectStrings(Object node, StringBuilder out) {
        if (node instanceof String s) {
            out.append(s);
        } else if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectStrings(v, out));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectStrings(v, out));
        }
    }

    /** Every value of a key named {@code key} anywhere in {@code node}. */
    public static List<Object> valuesOf(Object node, String key) {
        List<Object> values = new ArrayList<>();
        collectValues(node, key, values);
        return values;
    }

    private static void collectValues(Object node, String key, List<Object> values) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (key.equals(k)) {
                    values.add(v);
                }
                collectValues(v, key, values);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectValues(v, key, values));
        }
    }

    /** Every IAM policy statement in the template: roles, policies, queue, topic and key policies. */
    public static List<Map<String, Object>> statements(Template template) {
        return statements(template.toJSON());
    }

    /** Every IAM policy statement inside {@code node} (a resource, a policy document, ...). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> statements(Object node) {
        return valuesOf(node, "Statement").stream()
                .flatMap(TemplateQueries::items)
                .map(statement -> (Map<String, Object>) statement)
                .toList();
    }

    /** The actions of a statement (Action and NotAction), one item each. */
    public static List<String> actions(Map<String, Object> statement) {
        return Stream.concat(
                        items(statement.getOrDefault("Action", List.of())),
                        items(statement.getOrDefault("NotAction", List.of())))
                .map(Object::toString)
                .toList();
    }

    /**
     * The Resource of every Allow statement of an IAM policy (AWS::IAM::Policy) that names a DynamoDB
     * action, one list per statement.
     */
    public static List<List<Object>> dynamoResources(Template template) {
        List<List<Object>> resources = new ArrayList<>();
        forEachDynamoStatement(
                template,
                (roles, statement) ->
                        resources.add(items(statement.get("Resource")).toList()));
        return resources;
    }

    /**
     * The DynamoDB actions that IAM policies allow on {@code tableArn} (statements whose Resource is
     * exactly that ARN), by role: the role's resolved name ({@code {"Ref": …}}) → its actions.
     */
    public static Map<Object, List<String>> dynamoActionsByRole(Template template, Object tableArn) {
        Map<Object, List<String>> actionsByRole = new HashMap<>();
        forEachDynamoStatement(template, (roles, statement) -> {
            if (items(statement.get("Resource")).toList().equals(List.of(tableArn))) {
                roles.forEach(role -> actionsByRole
                        .computeIfAbsent(role, r -> new ArrayList<>())
                        .addAll(actions(statement)));
            }
        });
        return actionsByRole;
    }

    private static void forEachDynamoStatement(Template template, BiConsumer<List<?>, Map<String, Object>> consumer) {
        resources(template, "AWS::IAM::Policy").values().stream()
                .map(TemplateQueries::properties)
                .forEach(policy -> statements(policy).stream()
                        .filter(statement -> "Allow".equals(statement.get("Effect")))
                        .filter(statement -> actions(statement).stream().anyMatch(a -> a.startsWith("dynamodb:")))
                        .forEach(statement -> consumer.accept((List<?>) policy.get("Roles"), statement)));
    }

    /** Every cdk-nag suppression written into the template's metadata ({id, reason, appliesTo}). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> nagSuppressions(Template template) {
        return valuesOf(template.toJSON(), "rules_to_suppress").stream()
                .flatMap(TemplateQueries::items)
                .map(suppression -> (Map<String, Object>) suppression)
                .toList();
    }

    /** A value that may be one item or a list of items, as a stream. */
    public static Stream<Object> items(Object value) {
        return value instanceof List<?> list ? list.stream().map(Object.class::cast) : Stream.of(value);
    }

    public static String json(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
