package io.pricewire.cdk.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.cdk.PricewireStack;
import io.pricewire.cdk.SynthesizedApp;
import io.pricewire.cdk.TemplateQueries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class CloudWatchMonitoringTest {

    private final SynthesizedApp app = SynthesizedApp.get();
    private final Template template = app.defaultsTemplate;
    private final PricewireStack stack = app.defaults;

    @Test
    void shouldAlarmWhenAlbLatencyBreaksTheP95AndP99Slos() {
        assertAlarm(
                "api-latency-p95",
                0.08,
                "\"MetricName\":\"TargetResponseTime\"",
                "\"Stat\":\"p95\"",
                "AWS/ApplicationELB");
        assertAlarm(
                "api-latency-p99",
                0.1,
                "\"MetricName\":\"TargetResponseTime\"",
                "\"Stat\":\"p99\"",
                "AWS/ApplicationELB");
    }

    @Test
    void shouldAlarmWhen5xxRateExceedsOneInAThousandRequests() {
        assertAlarm(
                "api-5xx-rate",
                0.1,
                "100 * (FILL(t5xx, 0) + FILL(e5xx, 0)) / requests",
                "HTTPCode_Target_5XX_Count",
                "HTTPCode_ELB_5XX_Count",
                "RequestCount");
    }

    @Test
    void shouldAlarmWhenAHostIsUnhealthy() {
        assertAlarm("unhealthy-hosts", 0, "\"MetricName\":\"UnHealthyHostCount\"", "\"Stat\":\"Maximum\"");
    }

    @Test
    void shouldAlarmWhenColdRefreshErrsOrFailsManyAssets() {
        String functionName = TemplateQueries.json(
                stack.resolve(stack.coldRefresh().function().getFunctionName()));
        assertAlarm(
                "cold-refresh-errors", 0, "\"Namespace\":\"AWS/Lambda\"", "\"MetricName\":\"Errors\"", functionName);
        assertAlarm(
                "cold-refresh-failed-assets",
                40,
                "\"Namespace\":\"Pricewire\"",
                "\"MetricName\":\"ColdFailed\"",
                "\"Stat\":\"Sum\"",
                "{\"Name\":\"Function\",\"Value\":\"cold-refresh\"}");
    }

    @Test
    void shouldAlarmWhenAnyRedisNodeExceedsCpuOrMemorySlo() {
        assertAlarm(
                "cache-cpu",
                70,
                "MAX([node1, node2])",
                "AWS/ElastiCache",
                "\"MetricName\":\"CPUUtilization\"",
                "-001",
                "-002");
        assertAlarm("cache-memory", 80, "MAX([node1, node2])", "\"MetricName\":\"DatabaseMemoryUsagePercentage\"");
    }

    @Test
    void shouldAlarmWhenHistoryReadsOrWritesAreThrottledForMostOfFiveMinutes() {
        String historyTable =
                TemplateQueries.json(stack.resolve(stack.historyTable().table().getTableName()));
        for (String direction : List.of("Read", "Write")) {
            String name = "history-" + direction.toLowerCase() + "-throttles";
            assertAlarm(
                    name,
                    0,
                    "\"Namespace\":\"AWS/DynamoDB\"",
                    "\"MetricName\":\"" + direction + "ThrottleEvents\"",
                    "\"Stat\":\"Sum\"",
                    "\"Period\":60",
                    "{\"Name\":\"TableName\",\"Value\":" + historyTable + "}");
            template.hasResourceProperties(
                    "AWS::CloudWatch::Alarm",
                    Match.objectLike(Map.of(
                            "AlarmName",
                            stack.getStackName() + "-" + name,
                            "EvaluationPeriods",
                            5,
                            "DatapointsToAlarm",
                            3,
                            "TreatMissingData",
                            "notBreaching")));
        }
    }

    @Test
    void shouldNotifyTheTopicWhenAnyAlarmFiresOrClears() {
        Object topic = stack.resolve(stack.monitoring().alarmTopic().getTopicArn());
        Map<String, Map<String, Object>> alarms = TemplateQueries.resources(template, "AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSize(10);
        assertThat(alarms.values())
                .allSatisfy(alarm -> assertThat(TemplateQueries.properties(alarm))
                        .containsEntry("AlarmActions", List.of(topic))
                        .containsEntry("OKActions", List.of(topic))
                        .containsEntry("ComparisonOperator", "GreaterThanThreshold"));
    }

    @Test
    void shouldChartTheHistoryTableThrottlesAndLatencyWhenDashboardIsOpened() {
        String body = TemplateQueries.json(
                TemplateQueries.properties(TemplateQueries.resources(template, "AWS::CloudWatch::Dashboard")
                                .values()
                                .iterator()
                                .next())
                        .get("DashboardBody"));
        String historyTable =
                TemplateQueries.json(stack.resolve(stack.historyTable().table().getTableName()));
        assertThat(body)
                .contains(
                        "DynamoDB history throttles",
                        "DynamoDB history SuccessfulRequestLatency (ms)",
                        "ReadThrottleEvents",
                        "WriteThrottleEvents",
                        "PutItem",
                        "Query",
                        historyTable);
    }

    @Test
    void shouldSubscribeEmailOnlyWhenAnAddressIsGiven() {
        app.fullTemplate.hasResourceProperties(
                "AWS::SNS::Subscription",
                Match.objectLike(Map.of("Protocol", "email", "Endpoint", SynthesizedApp.ALARM_EMAIL)));
        template.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void shouldChartEveryServiceAndColdRefreshMetricWhenDashboardIsOpened() {
        String body = TemplateQueries.text(
                TemplateQueries.properties(TemplateQueries.resources(template, "AWS::CloudWatch::Dashboard")
                                .values()
                                .iterator()
                                .next())
                        .get("DashboardBody"));
        assertThat(body)
                .contains(
                        "\"p95\"",
                        "\"p99\"",
                        "TargetResponseTime",
                        "HTTPCode_Target_5XX_Count",
                        "HTTPCode_ELB_5XX_Count",
                        "HealthyHostCount",
                        "SuccessfulRequestLatency",
                        "ThrottledRequests",
                        "CPUUtilization",
                        "DatabaseMemoryUsagePercentage",
                        "Evictions",
                        "\"Errors\"",
                        "\"Duration\"",
                        "\"Throttles\"",
                        "\"Pricewire\"",
                        "cold-refresh",
                        "ColdRefreshed",
                        "ColdDegraded",
                        "ColdFailed",
                        "ColdSkipped",
                        "ColdRefreshDuration");
    }

    /** The alarm {@code <stack>-<name>} exists, fires above {@code threshold}, and watches what {@code metricText} names. */
    private void assertAlarm(String name, double threshold, String... metricText) {
        Map<String, Map<String, Object>> found = template.findResources(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "Properties", Match.objectLike(Map.of("AlarmName", stack.getStackName() + "-" + name)))));
        assertThat(found).as("alarm %s", name).hasSize(1);
        Map<String, Object> alarm =
                TemplateQueries.properties(found.values().iterator().next());
        assertThat(((Number) alarm.get("Threshold")).doubleValue())
                .as("threshold of %s", name)
                .isEqualTo(threshold);
        assertThat(alarm).containsEntry("ComparisonOperator", "GreaterThanThreshold");
        assertThat(TemplateQueries.json(alarm.get("Metrics"))).contains(metricText);
    }
}
