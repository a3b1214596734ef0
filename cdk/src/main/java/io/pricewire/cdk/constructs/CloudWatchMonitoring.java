package io.pricewire.cdk.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.OperationsMetricOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationTargetGroup;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Creates the CloudWatch side of monitoring: an SNS topic for alarms (with an e-mail
 * subscription when an address is given); one alarm per service-level objective (ALB p95 and p99
 * latency, 5xx rate, unhealthy hosts, cold-refresh errors and failed assets, Redis CPU and
 * memory) and for the history table's read and write throttling, each notifying the topic when it
 * fires and when it clears; and a dashboard of the ALB, DynamoDB (both tables), ElastiCache and
 * Lambda metrics and of the cold-refresh EMF metrics.
 */
public final class CloudWatchMonitoring extends Construct {

    /** SLO: p95 GET latency under 80 ms (ALB TargetResponseTime is in seconds). */
    public static final double LATENCY_P95_SECONDS = 0.080;
    /** SLO: p99 GET latency under 100 ms. */
    public static final double LATENCY_P99_SECONDS = 0.100;
    /** SLO: error rate under 0.1 % (target and load-balancer 5xx over all requests). */
    public static final double ERROR_RATE_PERCENT = 0.1;
    /** SLO: CPU under 70 %. */
    public static final double CACHE_CPU_PERCENT = 70;
    /** SLO: memory under 80 %. */
    public static final double CACHE_MEMORY_PERCENT = 80;
    /** About 5 % of the 800-asset cold tier failing in one cycle: more than exchange noise. */
    public static final double COLD_FAILED_ASSETS = 40;
    /**
     * Minutes of 5 with throttled history reads or writes before an alarm fires. The SDK retries a
     * throttled call, so an odd throttled minute costs nothing; throttling most of 5 minutes means the
     * retries run out: candles are lost (writes) or history requests fail (reads).
     */
    public static final int HISTORY_THROTTLED_MINUTES = 3;

    /** Namespace and dimension of the EMF metrics the cold-refresh Lambda logs. */
    public static final String EMF_NAMESPACE = "Pricewire";

    public static final Map<String, String> EMF_DIMENSIONS = Map.of("Function", "cold-refresh");

    private static final Duration MINUTE = Duration.minutes(1);
    private static final Duration FIVE_MINUTES = Duration.minutes(5);

    /**
     * @param loadBalancer    the service's load balancer
     * @param targetGroup     the service's target group
     * @param table           the prices table
     * @param historyTable    the price history table
     * @param cacheClusterIds the Redis member clusters (ElastiCache publishes host metrics per node)
     * @param coldRefresh     the cold-refresh function
     * @param alarmEmail      address subscribed to the alarm topic, if any
     */
    public record Props(
            IApplicationLoadBalancer loadBalancer,
            IApplicationTargetGroup targetGroup,
            ITable table,
            ITable historyTable,
            List<String> cacheClusterIds,
            IFunction coldRefresh,
            Optional<String> alarmEmail) {
        public Props {
            Objects.requireNonNull(loadBalancer, "loadBalancer");
            Objects.requireNonNull(targetGroup, "targetGroup");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(historyTable, "historyTable");
            Objects.requireNonNull(coldRefresh, "coldRefresh");
            Objects.requireNonNull(alarmEmail, "alarmEmail");
            cacheClusterIds = List.copyOf(cacheClusterIds);
            if (cacheClusterIds.isEmpty()) {
                throw new IllegalArgumentException("cacheClusterIds must not be empty");
            }
        }
    }

    private final Topic alarmTopic;
    private final Dashboard dashboard;
    private final List<Alarm> alarms = new ArrayList<>();

    public CloudWatchMonitoring(Construct scope, String id, Props props) {
        super(scope, id);
        Naming.tagComponent(this, "monitoring");

        this.alarmTopic = Topic.Builder.create(this, "AlarmTopic")
                .displayName("Pricewire alarms")
                .enforceSsl(true)
                .build();
        props.alarmEmail().ifPresent(email -> alarmTopic.addSubscription(new EmailSubscription(email)));
        NagSuppressions.addResourceSuppressions(
                alarmTopic,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-SNS2")
                        .reason(
                                "Alarm notifications carry alarm names and metric values only, no data; encrypting them "
                                        + "would need a customer-managed KMS key whose policy admits CloudWatch, for no protection "
                                        + "gained.")
                        .build()));

        var alb = props.loadBalancer().getMetrics();
        var targets = props.targetGroup().getMetrics();
        Metric p95 = alb.targetResponseTime(options("p95", MINUTE, "p95"));
        Metric p99 = alb.targetResponseTime(options("p99", MINUTE, "p99"));
        Metric target5xx =
                alb.httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, options("Sum", FIVE_MINUTES, "target 5xx"));
        Metric elb5xx = alb.httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, options("Sum", FIVE_MINUTES, "ELB 5xx"));
        Metric requests = alb.requestCount(options("Sum", FIVE_MINUTES, "requests"));
        MathExpression errorRate = MathExpression.Builder.create()
                // no traffic means no data, not a 0/0 error rate
                .expression("100 * (FILL(t5xx, 0) + FILL(e5xx, 0)) / requests")
                .usingMetrics(Map.of("t5xx", target5xx, "e5xx", elb5xx, "requests", requests))
                .label("5xx rate (%)")
                .period(FIVE_MINUTES)
                .build();
        Metric healthyHosts = targets.healthyHostCount(options("Minimum", MINUTE, "healthy"));
        Metric unhealthyHosts = targets.unhealthyHostCount(options("Maximum", MINUTE, "unhealthy"));

        ITable table = props.table();
        // the operations the read path (GetItem, BatchGetItem) and the refreshers (PutItem, BatchWriteItem) use
        List<IMetric> tableLatency = List.of("GetItem", "BatchGetItem", "PutItem", "BatchWriteItem").stream()
                .map(operation -> (IMetric) table.metricSuccessfulRequestLatency(MetricOptions.builder()
                        .dimensionsMap(Map.of("TableName", table.getTableName(), "Operation", operation))
                        .statistic("Average")
                        .period(MINUTE)
                        .label(operation)
                        .build()))
                .toList();
        IMetric tableThrottles = table.metricThrottledRequestsForOperations(OperationsMetricOptions.builder()
                .operations(List.of(
                        Operation.GET_ITEM, Operation.BATCH_GET_ITEM, Operation.PUT_ITEM, Operation.BATCH_WRITE_ITEM))
                .period(MINUTE)
                .label("throttled requests")
                .build());

        ITable history = props.historyTable();
        // the candle writer's PutItem (and GetItem before a merge), the history API's and change24h's Query
        List<IMetric> historyLatency = List.of("PutItem", "GetItem", "Query").stream()
                .map(operation -> (IMetric) history.metricSuccessfulRequestLatency(MetricOptions.builder()
                        .dimensionsMap(Map.of("TableName", history.getTableName(), "Operation", operation))
                        .statistic("Average")
                        .period(MINUTE)
                        .label(operation)
                        .build()))
                .toList();
        // per table, whatever the operation: what the alarms watch
        Metric historyReadThrottles =
                history.metric("ReadThrottleEvents", options("Sum", MINUTE, "read throttle events"));
        Metric historyWriteThrottles =
                history.metric("WriteThrottleEvents", options("Sum", MINUTE, "write throttle events"));
        IMetric historyThrottledRequests =
                history.metricThrottledRequestsForOperations(OperationsMetricOptions.builder()
                        .operations(List.of(
                                Operation.UPDATE_ITEM,
                                Operation.PUT_ITEM,
                                Operation.QUERY,
                                Operation.GET_ITEM,
                                Operation.BATCH_GET_ITEM))
                        .period(MINUTE)
                        .label("throttled requests")
                        .build());

        List<IMetric> cacheCpu = cacheMetrics(props.cacheClusterIds(), "CPUUtilization", "Maximum");
        List<IMetric> cacheMemory = cacheMetrics(props.cacheClusterIds(), "DatabaseMemoryUsagePercentage", "Maximum");
        List<IMetric> cacheEvictions = cacheMetrics(props.cacheClusterIds(), "Evictions", "Sum");

        IFunction function = props.coldRefresh();
        Metric lambdaErrors = function.metricErrors(options("Sum", FIVE_MINUTES, "errors"));
        Metric lambdaDuration = function.metricDuration(options("Maximum", FIVE_MINUTES, "duration (max)"));
        Metric lambdaThrottles = function.metricThrottles(options("Sum", FIVE_MINUTES, "throttles"));
        Map<String, Metric> cold = new LinkedHashMap<>();
        for (String name : List.of("ColdRefreshed", "ColdDegraded", "ColdFailed", "ColdSkipped")) {
            cold.put(name, emf(name, "Sum"));
        }
        Metric coldDuration = emf("ColdRefreshDuration", "Maximum");

        alarm(
                "ApiLatencyP95",
                "api-latency-p95",
                p95,
                LATENCY_P95_SECONDS,
                5,
                3,
                "SLO: ALB p95 target response time above 80 ms in 3 of 5 minutes");
        alarm(
                "ApiLatencyP99",
                "api-latency-p99",
                p99,
                LATENCY_P99_SECONDS,
                5,
                3,
                "SLO: ALB p99 target response time above 100 ms in 3 of 5 minutes");
        alarm(
                "ApiErrorRate",
                "api-5xx-rate",
                errorRate,
                ERROR_RATE_PERCENT,
                3,
                2,
                "SLO: 5xx responses (target + load balancer) above 0.1 % of requests in 2 of 3 5-minute periods");
        alarm(
                "UnhealthyHosts",
                "unhealthy-hosts",
                unhealthyHosts,
                0,
                3,
                3,
                "A service instance has failed the load balancer health check (/healthz) for 3 minutes");
        alarm(
                "ColdRefreshErrors",
                "cold-refresh-errors",
                lambdaErrors,
                0,
                1,
                1,
                "A cold-refresh cycle ended in an error: ~800 cold prices are aging until the next cycle");
        alarm(
                "ColdRefreshFailedAssets",
                "cold-refresh-failed-assets",
                cold.get("ColdFailed"),
                COLD_FAILED_ASSETS,
                1,
                1,
                "More than 40 cold assets (~5 % of the tier) could not be priced in one cycle");
        alarm(
                "CacheCpu",
                "cache-cpu",
                max("CPU (max node)", cacheCpu),
                CACHE_CPU_PERCENT,
                3,
                3,
                "SLO: a Redis node above 70 % CPU for 15 minutes");
        alarm(
                "CacheMemory",
                "cache-memory",
                max("memory (max node)", cacheMemory),
                CACHE_MEMORY_PERCENT,
                3,
                3,
                "SLO: a Redis node above 80 % of its memory for 15 minutes");
        alarm(
                "HistoryReadThrottles",
                "history-read-throttles",
                historyReadThrottles,
                0,
                5,
                HISTORY_THROTTLED_MINUTES,
                "History table reads throttled in 3 of 5 minutes: history requests are failing or slow");
        alarm(
                "HistoryWriteThrottles",
                "history-write-throttles",
                historyWriteThrottles,
                0,
                5,
                HISTORY_THROTTLED_MINUTES,
                "History table writes throttled in 3 of 5 minutes: candles are being lost (gaps in the history)");

        this.dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(Naming.name(this, "overview"))
                .defaultInterval(Duration.hours(3))
                .build();
        dashboard.addWidgets(
                graph(
                        "API latency (TargetResponseTime, s)",
                        List.of(p95, p99),
                        List.of(line(LATENCY_P95_SECONDS, "p95 SLO"), line(LATENCY_P99_SECONDS, "p99 SLO"))),
                graph("API 5xx", List.of(target5xx, elb5xx), List.of()),
                graph("API 5xx rate (%)", List.of(errorRate), List.of(line(ERROR_RATE_PERCENT, "SLO"))),
                graph("Hosts", List.of(healthyHosts, unhealthyHosts), List.of()));
        dashboard.addWidgets(
                graph("DynamoDB SuccessfulRequestLatency (ms)", tableLatency, List.of()),
                graph("DynamoDB ThrottledRequests", List.of(tableThrottles), List.of()),
                graph("Redis CPUUtilization (%)", cacheCpu, List.of(line(CACHE_CPU_PERCENT, "SLO"))),
                graph(
                        "Redis DatabaseMemoryUsagePercentage / Evictions",
                        cacheMemory,
                        List.of(line(CACHE_MEMORY_PERCENT, "SLO")),
                        cacheEvictions));
        dashboard.addWidgets(
                graph("DynamoDB history SuccessfulRequestLatency (ms)", historyLatency, List.of()),
                graph(
                        "DynamoDB history throttles",
                        List.of(historyReadThrottles, historyWriteThrottles, historyThrottledRequests),
                        List.of()));
        dashboard.addWidgets(
                graph("Cold refresh: Lambda errors and throttles", List.of(lambdaErrors, lambdaThrottles), List.of()),
                graph("Cold refresh: Lambda duration (ms)", List.of(lambdaDuration), List.of()),
                graph("Cold refresh: assets per cycle", List.copyOf(cold.values()), List.of()),
                graph("Cold refresh: cycle duration (ms)", List.of(coldDuration), List.of()));
    }

    private void alarm(
            String id,
            String name,
            IMetric metric,
            double threshold,
            int evaluationPeriods,
            int datapointsToAlarm,
            String description) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmName(Naming.name(this, name))
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(evaluationPeriods)
                .datapointsToAlarm(datapointsToAlarm)
                // no traffic, no cycle or no node data is not a breach; the host and error alarms catch outages
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        SnsAction notify = new SnsAction(alarmTopic);
        alarm.addAlarmAction(notify);
        alarm.addOkAction(notify);
        alarms.add(alarm);
    }

    private static MetricOptions options(String statistic, Duration period, String label) {
        return MetricOptions.builder()
                .statistic(statistic)
                .period(period)
                .label(label)
                .build();
    }

    private static Metric emf(String name, String statistic) {
        return Metric.Builder.create()
                .namespace(EMF_NAMESPACE)
                .metricName(name)
                .dimensionsMap(EMF_DIMENSIONS)
                .statistic(statistic)
                .period(FIVE_MINUTES)
                .label(name)
                .build();
    }

    private static List<IMetric> cacheMetrics(List<String> clusterIds, String name, String statistic) {
        List<IMetric> metrics = new ArrayList<>();
        for (int i = 0; i < clusterIds.size(); i++) {
            metrics.add(Metric.Builder.create()
                    .namespace("AWS/ElastiCache")
                    .metricName(name)
                    .dimensionsMap(Map.of("CacheClusterId", clusterIds.get(i)))
                    .statistic(statistic)
                    .period(FIVE_MINUTES)
                    .label(name + " node " + (i + 1))
                    .build());
        }
        return metrics;
    }

    /** The highest of the per-node series: an alarm fires when any one node crosses the line. */
    private static MathExpression max(String label, List<IMetric> perNode) {
        Map<String, IMetric> using = new LinkedHashMap<>();
        for (int i = 0; i < perNode.size(); i++) {
            using.put("node" + (i + 1), perNode.get(i));
        }
        return MathExpression.Builder.create()
                .expression("MAX([" + String.join(", ", using.keySet()) + "])")
                .usingMetrics(using)
                .label(label)
                .period(FIVE_MINUTES)
                .build();
    }

    private static HorizontalAnnotation line(double value, String label) {
        return HorizontalAnnotation.builder().value(value).label(label).build();
    }

    private static GraphWidget graph(
            String title, List<? extends IMetric> left, List<HorizontalAnnotation> annotations) {
        return graph(title, left, annotations, List.of());
    }

    private static GraphWidget graph(
            String title,
            List<? extends IMetric> left,
            List<HorizontalAnnotation> annotations,
            List<? extends IMetric> right) {
        return GraphWidget.Builder.create()
                .title(title)
                .left(left)
                .leftAnnotations(annotations)
                .right(right)
                .width(6)
                .height(6)
                .build();
    }

    public ITopic alarmTopic() {
        return alarmTopic;
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    /** Link to the dashboard in the CloudWatch console of the stack's region. */
    public String dashboardUrl() {
        String region = Stack.of(this).getRegion();
        return "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region + "#dashboards:name="
                + dashboard.getDashboardName();
    }
}
