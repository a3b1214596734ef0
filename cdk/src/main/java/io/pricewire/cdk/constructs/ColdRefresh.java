package io.pricewire.cdk.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.pricewire.core.asset.TierSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.triggers.InvocationType;
import software.amazon.awscdk.triggers.Trigger;
import software.constructs.Construct;

/**
 * Creates the cold-tier refresher: the {@code lambda-cold-refresh} function (Java 21, 1,024 MB,
 * 4-minute timeout, in the private subnets with its own security group) with SnapStart on a
 * published version behind the alias {@code live}; an EventBridge rule that invokes the alias
 * every cold-tier interval (5 minutes); reserved concurrency 1 so two cycles never overlap; and an encrypted SQS
 * dead-letter queue that receives failed or expired invocations (from Lambda's on-failure
 * destination and from EventBridge when it cannot deliver); and a CDK trigger that invokes it once
 * as soon as the stack is deployed, so a first deployment fills the cold tier at once.
 */
public final class ColdRefresh extends Construct {

    public static final String HANDLER = "io.pricewire.lambda.coldrefresh.ColdRefreshHandler::handleRequest";
    public static final String ALIAS = "live";
    /**
     * @param vpc       the network's VPC (private subnets: Redis is only reachable there)
     * @param lambdaJar the shaded handler jar
     * @param data      tables, cache and secret the function reads (environment variables)
     * @param tiers     the tiers, the same the service is given (environment variables); the schedule is the cold
     *                  interval (EventBridge's finest rate is 1 minute: hot and medium are refreshed in the service)
     */
    public record Props(IVpc vpc, Path lambdaJar, DataEndpoints data, TierSettings tiers) {
        public Props {
            Objects.requireNonNull(vpc, "vpc");
            Objects.requireNonNull(lambdaJar, "lambdaJar");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(tiers, "tiers");
        }
    }

    private final Function function;
    private final Alias alias;
    private final Queue deadLetterQueue;
    private final SecurityGroup securityGroup;

    public ColdRefresh(Construct scope, String id, Props props) {
        super(scope, id);
        Naming.tagComponent(this, "cold-refresh");

        this.securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description(
                        "Pricewire cold-refresh Lambda: no inbound; out to exchanges (NAT), Redis, DynamoDB, AWS APIs")
                .allowAllOutbound(true)
                .build();

        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                // the EMF metrics are extracted at ingestion, so the lines themselves are only for debugging
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        this.function = Function.Builder.create(this, "Function")
                .description("Refreshes the cold price tier (ranks beyond hot and medium) every 5 minutes")
                .runtime(Runtime.JAVA_21)
                .handler(HANDLER)
                .code(Code.fromAsset(props.lambdaJar().toString()))
                // memory buys CPU, and a cold run is CPU-bound: ~10,000 conditional writes through the SDK
                // (signing, marshalling) between fetches; 2,048 MB is more than one vCPU
                .memorySize(2048)
                // a cycle of 1,000+ assets with slow exchanges fits, and still ends before the next starts
                .timeout(Duration.minutes(4))
                .vpc(props.vpc())
                .vpcSubnets(Network.privateSubnets())
                .securityGroups(List.of(securityGroup))
                .environment(environment(props.data(), props.tiers()))
                // applies to published versions only, hence the alias: $LATEST would start cold every time
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                // one cycle at a time: an invocation arriving while one runs is throttled and retried
                .reservedConcurrentExecutions(1)
                .logGroup(logs)
                .build();

        Annotations.of(function)
                .acknowledgeWarning(
                        "@aws-cdk/aws-lambda:snapStartRequirePublish",
                        "the function is only invoked through the alias live, which points at a published version");

        this.deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();

        this.alias = Alias.Builder.create(this, "Live")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .onFailure(new SqsDestination(deadLetterQueue))
                // a failed cycle is not retried: the next one starts 5 minutes later anyway, and a retry
                // would compete with it for the single concurrent execution
                .retryAttempts(0)
                // an invocation still throttled behind a running cycle after 4 minutes is dropped to the
                // queue instead of piling up behind the next scheduled one
                .maxEventAge(Duration.minutes(4))
                .build();

        Rule.Builder.create(this, "Schedule")
                .description("Starts a cold-tier refresh cycle")
                .schedule(Schedule.rate(
                        Duration.millis(props.tiers().coldInterval().toMillis())))
                .targets(List.of(new LambdaFunction(
                        alias,
                        LambdaFunctionProps.builder()
                                .deadLetterQueue(deadLetterQueue)
                                .retryAttempts(2)
                                .maxEventAge(Duration.minutes(4))
                                .build())))
                .build();

        // A first deployment has an empty table: without this, every cold asset would be a slow
        // synchronous miss until the first scheduled cycle, up to 5 minutes later. The trigger invokes
        // the function once, asynchronously, when the stack is created (and again when the handler
        // changes, which refreshes the cold tier early and harms nothing: concurrency is 1).
        Trigger.Builder.create(this, "FirstFill")
                .handler(function)
                .invocationType(InvocationType.EVENT)
                .executeOnHandlerChange(true)
                .build();

        NagSuppressions.addResourceSuppressions(
                deadLetterQueue,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-SQS3")
                        .reason(
                                "This queue is itself the dead-letter queue (Lambda on-failure destination and EventBridge "
                                        + "target DLQ); a dead-letter queue of a dead-letter queue would add nothing.")
                        .build()));
        NagSuppressions.addResourceSuppressions(
                function,
                List.of(
                        NagPackSuppression.builder()
                                .id("AwsSolutions-L1")
                                .reason(
                                        "Pricewire targets Java 21 (every module is built with release 21); the handler jar is built "
                                                + "for it and SnapStart is verified on it.")
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-IAM4")
                                .reason(
                                        "AWSLambdaBasicExecutionRole (logs to its own group) and AWSLambdaVPCAccessExecutionRole "
                                                + "(ENIs in the private subnets) are the AWS-maintained minimum for a VPC Lambda.")
                                .appliesTo(
                                        List.of(
                                                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                                                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"))
                                .build()),
                true);
    }

    public IFunction function() {
        return function;
    }

    public Alias alias() {
        return alias;
    }

    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }

    public SecurityGroup securityGroup() {
        return securityGroup;
    }

    /**
     * The data endpoints, the tiers, and the JIT settings AWS recommends for short-lived Java functions:
     * C1 only. C2 compiling the SDK's write path competed with the run for the CPU and nearly
     * doubled a 10,000-asset run (38 s → 21 s measured with loadtest/bench's exchange-sim).
     */
    static Map<String, String> environment(DataEndpoints data, TierSettings tiers) {
        Map<String, String> environment = new TreeMap<>(data.environment());
        environment.putAll(tiers.environment());
        environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        return environment;
    }

    static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
}
