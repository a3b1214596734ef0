package io.pricewire.service.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.service.monitoring.MonitoringFiles.Query;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.testkit.Await;
import io.pricewire.testkit.ProjectRoot;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * monitoring/ checked the way Prometheus and Grafana will read it: promtool accepts the scrape
 * config, the rules and the rules' unit tests; every dashboard query parses; and every metric a
 * dashboard or rule uses is exported by a real service (Redis, dynalite, exchange-sim) that has
 * served some traffic.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringConfigTest implements TestPropertyProvider {
    /**
     * Names a dashboard or rule may use although the service does not export them, each with the
     * reason. Add one only with a reason that holds in production.
     */
    private static final Map<String, String> NOT_FROM_THE_SERVICE =
            Map.of("up", "written by Prometheus itself for every scrape target");
    /** The pricewire_* families of docs/architecture.md §8 (Prometheus names); each must be on a dashboard. */
    private static final List<String> CONTRACT_FAMILIES = List.of(
            "pricewire_cache_requests_total",
            "pricewire_refresh_duration_seconds",
            "pricewire_refresh_assets_total",
            "pricewire_price_age_seconds",
            "pricewire_exchange_request_seconds",
            "pricewire_exchange_circuit_state",
            "pricewire_store_request_seconds",
            "pricewire_stream_active",
            "pricewire_stream_connected",
            "pricewire_stream_contributing",
            "pricewire_stream_messages_total",
            "pricewire_stream_reconnects_total",
            "pricewire_stream_publishes_total",
            "pricewire_stream_publish_delay_seconds",
            "pricewire_sse_streams_open",
            "pricewire_sse_events_sent_total",
            "pricewire_sse_writes_total",
            "pricewire_sse_events_conflated_total",
            "pricewire_sse_disconnects_total",
            "pricewire_sse_refused_total",
            "pricewire_sse_delivery_delay_seconds");

    private static final Duration METRICS_DEADLINE = Duration.ofSeconds(45);
    private static final Duration FIRST_EVENT_DEADLINE = Duration.ofSeconds(10);

    @Inject
    EmbeddedServer server;

    MonitoringFiles files;

    @Override
    public Map<String, String> getProperties() {
        // the exchange streams too (TestStack leaves them off), so their metrics are there to check
        return TestStack.properties(Map.of("pricewire.streams.enabled", "true"));
    }

    @BeforeAll
    void findTheCheckout() {
        files = new MonitoringFiles(ProjectRoot.find());
    }

    @Test
    void shouldPassPromtoolCheckConfigWhenGivenThePrometheusConfig() {
        Promtool.Result r =
                Promtool.onPath(files.root()).run("check", "config", files.relative(files.prometheusConfig()));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.output()).as(r.describe()).contains("SUCCESS");
    }

    @Test
    void shouldPassPromtoolCheckRulesForEveryRulesFile() {
        Promtool promtool = Promtool.onPath(files.root());
        assertThat(files.ruleFiles())
                .as("rule files in monitoring/prometheus/rules")
                .isNotEmpty();
        List<String> failures = new ArrayList<>();
        for (Path file : files.ruleFiles()) {
            Promtool.Result r = promtool.run("check", "rules", files.relative(file));
            if (r.exitCode() != 0) {
                failures.add(r.describe());
            }
        }
        assertThat(failures).as("promtool check rules").isEmpty();
    }

    @Test
    void shouldGiveEveryAlertAForSeveritySummaryAndRunbook() {
        List<String> problems = new ArrayList<>();
        for (Path file : files.ruleFiles()) {
            for (Map<String, Object> rule : files.rules(file)) {
                if (!rule.containsKey("alert")) {
                    continue;
                }
                String where = files.relative(file) + " alert " + rule.get("alert");
                if (!(rule.get("for") instanceof String f) || f.isBlank()) {
                    problems.add(where + " has no `for:`");
                }
                Object severity = map(rule.get("labels")).get("severity");
                if (!"warning".equals(severity) && !"critical".equals(severity)) {
                    problems.add(where + " has severity " + severity + ", not warning or critical");
                }
                for (String annotation : List.of("summary", "runbook")) {
                    if (!(map(rule.get("annotations")).get(annotation) instanceof String text)
                            || text.isBlank()
                            || text.contains("\n")) {
                        problems.add(where + " has no one-line `" + annotation + "` annotation");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldPassTheRuleUnitTestsWithAFiringAndAQuietCaseForEveryAlert() {
        List<Path> tests = files.ruleTestFiles();
        assertThat(tests).as("rule unit tests in monitoring/prometheus/tests").isNotEmpty();
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        tests.forEach(t -> args.add(files.relative(t)));
        Promtool.Result r = Promtool.onPath(files.root()).run(args);
        assertThat(r.exitCode()).as(r.describe()).isZero();

        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Path test : tests) {
            for (Object testCase : (List<?>) files.yaml(test).getOrDefault("tests", List.of())) {
                for (Object check : (List<?>) map(testCase).getOrDefault("alert_rule_test", List.of())) {
                    Object expected = map(check).get("exp_alerts");
                    String alert = String.valueOf(map(check).get("alertname"));
                    (expected instanceof List<?> l && !l.isEmpty() ? firing : quiet).add(alert);
                }
            }
        }
        Set<String> alerts = files.ruleFiles().stream()
                .flatMap(f -> files.rules(f).stream())
                .filter(rule -> rule.containsKey("alert"))
                .map(rule -> rule.get("alert").toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(firing).as("alerts with a unit test expecting them to fire").containsAll(alerts);
        assertThat(quiet)
                .as("alerts with a unit test expecting them to stay quiet")
                .containsAll(alerts);
    }

    @Test
    void shouldParseEveryDashboardQueryWhenGrafanaVariablesAreSubstituted() throws IOException {
        List<Query> queries = files.dashboardQueries();
        assertThat(queries).as("dashboard queries").hasSizeGreaterThan(20);
        // promtool has no bare "parse" command in Debian's 2.42, so the queries become recording
        // rules: check rules parses every expression. JSON is YAML, so Jackson writes the file.
        List<Map<String, String>> rules = new ArrayList<>();
        Map<String, Query> byRecord = new LinkedHashMap<>();
        for (Query q : queries) {
            String record = "dashboard:" + (q.file() + ":" + byRecord.size()).replaceAll("[^a-zA-Z0-9_:]", "_");
            byRecord.put(record, q);
            rules.add(Map.of("record", record, "expr", q.expr()));
        }
        Path rulesFile = Files.createTempFile("dashboard-queries", ".yml");
        try {
            MonitoringFiles.JSON.writeValue(
                    rulesFile.toFile(), Map.of("groups", List.of(Map.of("name", "dashboards", "rules", rules))));
            Promtool.Result r = Promtool.onPath(files.root()).run("check", "rules", rulesFile.toString());
            String legend = byRecord.entrySet().stream()
                    .filter(e ->
                            r.output().contains(e.getKey() + "\"") || r.output().contains(e.getKey() + ":"))
                    .map(e -> e.getKey() + " = " + e.getValue().file() + " "
                            + e.getValue().where() + ": " + e.getValue().expr())
                    .collect(Collectors.joining("\n"));
            assertThat(r.exitCode()).as(r.describe() + "\nwhere\n" + legend).isZero();
        } finally {
            Files.deleteIfExists(rulesFile);
        }
    }

    @Test
    void shouldReferenceTheProvisionedDatasourceAndStableUidsInTheDashboards() {
        Path provisioning = files.root().resolve("monitoring/grafana/provisioning");
        List<?> datasources = (List<?>)
                files.yaml(provisioning.resolve("datasources/prometheus.yml")).get("datasources");
        String uid = String.valueOf(map(datasources.get(0)).get("uid"));
        assertThat(uid).isEqualTo("pricewire-prometheus");
        List<?> providers = (List<?>)
                files.yaml(provisioning.resolve("dashboards/pricewire.yml")).get("providers");
        assertThat(map(map(providers.get(0)).get("options")).get("path"))
                .as("dashboard provider path")
                .isNotNull();

        Map<String, String> uids = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files.dashboards()) {
            JsonNode d = files.json(file);
            uids.put(d.path("uid").asText(), d.path("title").asText());
            if (d.path("schemaVersion").asInt() < 36) {
                problems.add(files.relative(file) + " has schemaVersion " + d.path("schemaVersion"));
            }
            datasourceUids(d.path("panels"), files.relative(file), uid, problems);
        }
        assertThat(uids)
                .containsEntry("pricewire-overview", "Pricewire overview")
                .containsEntry("pricewire-jvm", "Pricewire JVM");
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldFindMetricNamesAndNotLabelsFunctionsOrKeywordsWhenReadingPromql() {
        assertThat(PromqlNames.in("histogram_quantile(0.95, sum by (job, le) (rate(http_server_requests_seconds_bucket"
                        + "{method=\"GET\", uri!~\"/health.*|/prometheus\"}[5m]))) > 0.080"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(PromqlNames.in("sum(rate(a_total[5m] offset 1h)) by (job) / on (job) group_left (tier) b:recorded"
                        + " > bool 1e-3 and max_over_time(c[10m:1m]) unless vector(0) or -Inf"))
                .containsExactlyInAnyOrder("a_total", "b:recorded", "c");
        assertThat(PromqlNames.in("1 - (sum without (instance) (rate(x_count{layer=\"redis\"}[5m])) or "
                        + "label_replace(y, \"dst\", \"$1\", \"src\", \"(.*)\")) # z in a comment"))
                .containsExactlyInAnyOrder("x_count", "y");
    }

    @Test
    void shouldExportEveryMetricTheDashboardsAndRulesUseWhenTheServiceHasServedTraffic() throws Exception {
        Map<String, Set<String>> usedBy = new TreeMap<>();
        for (Query q : Stream.concat(files.ruleQueries().stream(), files.dashboardQueries().stream())
                .toList()) {
            for (String name : PromqlNames.in(q.expr())) {
                usedBy.computeIfAbsent(name, n -> new TreeSet<>()).add(q.file() + " (" + q.where() + ")");
            }
        }
        Set<String> onDashboards = files.dashboardQueries().stream()
                .flatMap(q -> PromqlNames.in(q.expr()).stream())
                .collect(Collectors.toSet());
        for (String family : CONTRACT_FAMILIES) {
            assertThat(onDashboards)
                    .as("a dashboard shows %s", family)
                    .anyMatch(n -> n.equals(family) || n.startsWith(family + "_"));
        }

        Http http = new Http(server.getURI());
        for (int i = 0; i < 3; i++) {
            expect(http, "/v1/prices/BTC", 200);
        }
        expect(http, "/v1/prices/NOSUCHCOIN", 404);
        expect(http, "/v1/prices?symbols=BTC,ETH,NOSUCHCOIN", 200);
        // the SSE meters exist from the first connection on; a price event gives the delivery delay a sample
        readAPriceEvent("/v1/stream?symbols=BTC");
        // jvm_gc_pause_seconds_* exist only once a collection happened; the service shares this JVM
        System.gc();

        // the tickers' first cycles and the GC notification arrive asynchronously; a timeout is reported below, by name
        AtomicReference<Set<String>> lastScrape = new AtomicReference<>(Set.of());
        List<String> missing = new ArrayList<>();
        Await.within(METRICS_DEADLINE, Duration.ofSeconds(1), () -> {
            Http.Answer scrape = http.get("/prometheus");
            assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
            Set<String> exported = seriesNames(scrape.body());
            lastScrape.set(exported);
            missing.clear();
            usedBy.keySet().stream()
                    .filter(n -> !exported.contains(n) && !NOT_FROM_THE_SERVICE.containsKey(n))
                    .forEach(missing::add);
            return missing.isEmpty();
        });

        Set<String> exported = lastScrape.get();
        List<String> report = missing.stream()
                .map(n -> n + hint(n, exported) + " — used by " + String.join("; ", usedBy.get(n)))
                .toList();
        assertThat(report)
                .as(
                        "metrics used by monitoring/ but not exported by the service's /prometheus after traffic "
                                + "(%d series names exported)",
                        exported.size())
                .isEmpty();
    }

    /** Opens a stream, reads until its first price event (BTC's snapshot) and closes it, as a client leaving. */
    private void readAPriceEvent(String path) throws Exception {
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<InputStream> stream = client.send(
                    HttpRequest.newBuilder(server.getURI().resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = stream.body()) {
                assertThat(stream.statusCode()).isEqualTo(200);
                // a stream never ends by itself: read on another thread; closing the body ends a read that waits
                CompletableFuture<Optional<String>> firstPrice = CompletableFuture.supplyAsync(
                        () -> new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))
                                .lines()
                                .filter("event: price"::equals)
                                .findFirst());
                assertThat(firstPrice.get(FIRST_EVENT_DEADLINE.toSeconds(), TimeUnit.SECONDS))
                        .as("a price event on %s", path)
                        .isPresent();
            }
        }
    }

    private static void expect(Http http, String path, int status) {
        Http.Answer a = http.get(path);
        assertThat(a.status()).as("GET %s answered %s", path, a.body()).isEqualTo(status);
    }

    /** Series names of a Prometheus text exposition (what PromQL selects), not family names. */
    private static Set<String> seriesNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    /** Why a name may be missing when its family is there: a timer without histogram buckets, say. */
    private static String hint(String name, Set<String> exported) {
        for (String suffix : List.of("_bucket", "_count", "_sum", "_max", "_total")) {
            if (name.endsWith(suffix)) {
                String family = name.substring(0, name.length() - suffix.length());
                List<String> siblings = exported.stream()
                        .filter(n -> n.startsWith(family + "_"))
                        .sorted()
                        .toList();
                if (!siblings.isEmpty()) {
                    return " (exported: " + String.join(", ", siblings)
                            + ("_bucket".equals(suffix) ? " — the timer is not published as a histogram" : "") + ")";
                }
            }
        }
        return "";
    }

    private static void datasourceUids(JsonNode panels, String file, String uid, List<String> problems) {
        for (JsonNode panel : panels) {
            if (!"row".equals(panel.path("type").asText())) {
                check(
                        panel.path("datasource"),
                        file + " panel '" + panel.path("title").asText() + "'",
                        uid,
                        problems);
                for (JsonNode target : panel.path("targets")) {
                    check(
                            target.path("datasource"),
                            file + " panel '" + panel.path("title").asText() + "' target "
                                    + target.path("refId").asText(),
                            uid,
                            problems);
                }
            }
            datasourceUids(panel.path("panels"), file, uid, problems);
        }
    }

    private static void check(JsonNode datasource, String where, String uid, List<String> problems) {
        if (!uid.equals(datasource.path("uid").asText())) {
            problems.add(where + " uses datasource " + datasource + " instead of uid " + uid);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return yaml instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
