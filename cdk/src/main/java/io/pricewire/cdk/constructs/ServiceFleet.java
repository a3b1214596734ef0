package io.pricewire.cdk.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.pricewire.core.asset.TierSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.autoscaling.AdditionalHealthCheckType;
import software.amazon.awscdk.services.autoscaling.AdditionalHealthChecksOptions;
import software.amazon.awscdk.services.autoscaling.AutoScalingGroup;
import software.amazon.awscdk.services.autoscaling.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.autoscaling.GroupMetrics;
import software.amazon.awscdk.services.autoscaling.HealthChecks;
import software.amazon.awscdk.services.autoscaling.RequestCountScalingProps;
import software.amazon.awscdk.services.autoscaling.RollingUpdateOptions;
import software.amazon.awscdk.services.autoscaling.UpdatePolicy;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.Connections;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.ec2.MachineImage;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.UserData;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetGroupsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * Creates the service tier: the Application Load Balancer that CloudFront ({@link Edge}) uses as
 * its origin, in the public subnets, and behind it an Auto Scaling group of Amazon Linux 2023
 * instances in the private subnets, started from a launch template (IMDSv2 only, encrypted gp3
 * root volume, SSM instead of SSH) whose user data installs Corretto 21 and the CloudWatch agent,
 * downloads the service jar (an S3 asset) and runs it as the systemd unit {@code pricewire}.
 *
 * <p>The load balancer admits only CloudFront, twice over: its security group lets in only the
 * CloudFront origin-facing prefix list, on one port (80, or 443 with a certificate), and its
 * listener answers 403 unless the request carries the {@value #ORIGIN_VERIFY_HEADER} header with
 * the value of a generated secret, which only the distribution adds. It writes access logs to S3
 * ({@link LoadBalancerAccessLogs}). It forwards to the public port {@value #SERVICE_PORT} only;
 * the management port {@value #MANAGEMENT_PORT} ({@code /prometheus}, {@code /health/**}) is
 * open to the Prometheus host alone. The target group checks {@value #HEALTH_CHECK_PATH} (200 once
 * the cache is warm); the group scales on average CPU and on ALB requests per target. The
 * service's output goes to the log group {@code /<stack>/service}.
 */
public final class ServiceFleet extends Construct implements IConnectable, IGrantable {

    public static final int SERVICE_PORT = 8080;
    /** Port of the service's management endpoints; the load balancer never routes to it. */
    public static final int MANAGEMENT_PORT = 8081;

    public static final String HEALTH_CHECK_PATH = "/healthz";
    public static final int CPU_TARGET_PERCENT = 60;
    /**
     * Proxies that append to X-Forwarded-For in front of the service: CloudFront (the viewer's
     * address) and the load balancer (CloudFront's), so the client is the second entry from the right.
     */
    public static final int FORWARDED_FOR_HOPS = 2;
    /** Header CloudFront adds to every origin request; the listener forwards only when it matches. */
    public static final String ORIGIN_VERIFY_HEADER = "X-Pricewire-Origin-Verify";

    static final String FORBIDDEN_BODY =
            "{\"error\":\"forbidden\",\"message\":\"Use the Pricewire API through its CloudFront URL.\"}";
    public static final String LOG_FILE = "/var/log/pricewire/service.log";
    public static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;

    /**
     * @param vpc               the network's VPC
     * @param serviceJar        the service fat jar to deploy
     * @param data              tables, cache and secret the service reads (environment variables)
     * @param tiers             the tiers, the same the cold Lambda is given (environment variables)
     * @param instanceType      instance size
     * @param capacity          instances: minimum, desired at deploy, maximum
     * @param requestsPerSecond ALB requests per second per instance the fleet scales to hold
     * @param certificateArn    ACM certificate for an HTTPS listener (CloudFront then reaches the load
     *                          balancer over HTTPS), or empty for an HTTP listener
     */
    public record Props(
            IVpc vpc,
            Path serviceJar,
            DataEndpoints data,
            TierSettings tiers,
            InstanceType instanceType,
            Capacity capacity,
            int requestsPerSecond,
            Optional<String> certificateArn) {
        public Props {
            Objects.requireNonNull(vpc, "vpc");
            Objects.requireNonNull(serviceJar, "serviceJar");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(tiers, "tiers");
            Objects.requireNonNull(instanceType, "instanceType");
            Objects.requireNonNull(capacity, "capacity");
            Objects.requireNonNull(certificateArn, "certificateArn");
            if (requestsPerSecond < 1) {
                throw new IllegalArgumentException("requestsPerSecond must be >= 1, got " + requestsPerSecond);
            }
        }
    }

    /** Instance counts of the Auto Scaling group. */
    public record Capacity(int min, int desired, int max) {
        public Capacity {
            if (min < 1 || min > desired || desired > max) {
                throw new IllegalArgumentException(
                        "capacity must satisfy 1 <= min <= desired <= max, got min=%d desired=%d max=%d"
                                .formatted(min, desired, max));
            }
        }
    }

    private final AutoScalingGroup instances;
    private final ApplicationLoadBalancer loadBalancer;
    private final ApplicationTargetGroup targetGroup;
    private final ApplicationListener listener;
    private final Secret originVerifySecret;
    private final LogGroup logGroup;
    private final LoadBalancerAccessLogs accessLogs;

    public ServiceFleet(Construct scope, String id, Props props) {
        super(scope, id);
        Naming.tagComponent(this, "service");

        Role role = InstanceBootstrap.sessionManagedRole(this, "Pricewire service instances");
        NagSuppressions.addResourceSuppressions(
                role, List.of(InstanceBootstrap.sessionManagerPolicySuppression()), true);

        this.logGroup = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/" + Stack.of(this).getStackName() + "/service")
                .retention(LOG_RETENTION)
                // like the flow-log and Lambda groups: the stack's logs go with the stack
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // the CloudWatch agent writes the service's log file to this group and nowhere else
        logGroup.grant(role, "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams");

        Asset jar = InstanceBootstrap.readableAsset(this, "ServiceJar", props.serviceJar(), role);

        SecurityGroup instanceSecurityGroup = SecurityGroup.Builder.create(this, "InstanceSecurityGroup")
                .vpc(props.vpc())
                .description("Pricewire service instances: 8080 from the load balancer, 8081 from Prometheus only")
                // the service calls exchanges (through NAT), Redis, DynamoDB, Secrets Manager and ElastiCache APIs
                .allowAllOutbound(true)
                .build();

        LaunchTemplate launchTemplate = LaunchTemplate.Builder.create(this, "LaunchTemplate")
                .machineImage(MachineImage.latestAmazonLinux2023())
                .instanceType(props.instanceType())
                .role(role)
                .securityGroup(instanceSecurityGroup)
                .userData(userData(
                        jar,
                        props.data(),
                        props.tiers(),
                        logGroup,
                        props.capacity().max()))
                .requireImdsv2(true)
                // 1-minute CPU metrics so target tracking reacts within minutes, not within 5-minute buckets
                .detailedMonitoring(true)
                .blockDevices(List.of(BlockDevice.builder()
                        .deviceName("/dev/xvda")
                        .volume(BlockDeviceVolume.ebs(
                                16,
                                EbsDeviceOptions.builder()
                                        .volumeType(EbsDeviceVolumeType.GP3)
                                        .encrypted(true)
                                        .build()))
                        .build()))
                .build();

        Capacity capacity = props.capacity();
        AutoScalingGroup.Builder group = AutoScalingGroup.Builder.create(this, "Instances")
                .vpc(props.vpc())
                .vpcSubnets(Network.privateSubnets())
                .launchTemplate(launchTemplate)
                .minCapacity(capacity.min())
                .maxCapacity(capacity.max())
                // in-service, pending and terminating counts per minute (free), for the dashboard and debugging
                .groupMetrics(List.of(GroupMetrics.all()))
                // replace an instance the load balancer finds unhealthy, after time for JVM start and warm-up
                .healthChecks(HealthChecks.withAdditionalChecks(AdditionalHealthChecksOptions.builder()
                        .additionalTypes(List.of(AdditionalHealthCheckType.ELB))
                        .gracePeriod(Duration.minutes(3))
                        .build()))
                // a new jar (new user data) rolls through the group one instance at a time, keeping
                // the rest serving
                .updatePolicy(UpdatePolicy.rollingUpdate(RollingUpdateOptions.builder()
                        .maxBatchSize(1)
                        .minInstancesInService(Math.min(capacity.min(), capacity.max() - 1))
                        .pauseTime(Duration.minutes(3))
                        .build()));
        // CloudFormation applies DesiredCapacity on every update of the group (a new jar, say), undoing
        // what scaling did. A new group starts at its minimum anyway, so it is only set when it differs.
        if (capacity.desired() > capacity.min()) {
            group.desiredCapacity(capacity.desired());
        }
        this.instances = group.build();
        if (capacity.desired() > capacity.min()) {
            Annotations.of(instances)
                    .acknowledgeWarning(
                            "@aws-cdk/aws-autoscaling:desiredCapacitySet",
                            "desiredCapacity above minCapacity was asked for explicitly (context), reset on deploy included");
        }
        Naming.tagServiceInstances(instances);
        NagSuppressions.addResourceSuppressions(
                instances,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-AS3")
                        .reason(
                                "Scaling activity is kept in the group's activity history and its CloudWatch group metrics; "
                                        + "what operators must act on (unhealthy hosts, SLO breaches) is alarmed to the alarm topic.")
                        .build()),
                true);

        SecurityGroup loadBalancerSecurityGroup = SecurityGroup.Builder.create(this, "LoadBalancerSecurityGroup")
                .vpc(props.vpc())
                .description(
                        "Pricewire load balancer: CloudFront origin-facing addresses in, port 8080 to the service instances out")
                // egress to the instances is added when the target group is attached
                .allowAllOutbound(false)
                .build();
        this.loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .vpc(props.vpc())
                .vpcSubnets(Network.publicSubnets())
                .internetFacing(true)
                .securityGroup(loadBalancerSecurityGroup)
                .dropInvalidHeaderFields(true)
                .build();
        this.accessLogs = new LoadBalancerAccessLogs(this, "AccessLogs", loadBalancer);

        this.targetGroup = ApplicationTargetGroup.Builder.create(this, "TargetGroup")
                .vpc(props.vpc())
                .port(SERVICE_PORT)
                .protocol(ApplicationProtocol.HTTP)
                .targetType(TargetType.INSTANCE)
                .targets(List.of(instances))
                .healthCheck(HealthCheck.builder()
                        .path(HEALTH_CHECK_PATH)
                        .healthyHttpCodes("200")
                        .interval(Duration.seconds(15))
                        .timeout(Duration.seconds(5))
                        .healthyThresholdCount(2)
                        .unhealthyThresholdCount(3)
                        .build())
                // the service answers within milliseconds; 300 s (the default) only slows deploys
                .deregistrationDelay(Duration.seconds(30))
                .build();

        this.originVerifySecret = Secret.Builder.create(this, "OriginVerifySecret")
                .description("Value of the " + ORIGIN_VERIFY_HEADER
                        + " header CloudFront adds and the Pricewire load balancer requires")
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(40)
                        .excludePunctuation(true)
                        .build())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        NagSuppressions.addResourceSuppressions(
                originVerifySecret,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-SMG4")
                        .reason(
                                "CloudFront and the listener rule read the value once per deploy (dynamic reference), so a "
                                        + "rotation would lock CloudFront out until the next deploy; rotate by changing it and redeploying.")
                        .build()));

        // One port only: the CloudFront prefix list counts as ~55 rules against the group's quota of 60.
        boolean https = props.certificateArn().isPresent();
        BaseApplicationListenerProps.Builder listenerProps = BaseApplicationListenerProps.builder()
                .port(https ? 443 : 80)
                .protocol(https ? ApplicationProtocol.HTTPS : ApplicationProtocol.HTTP)
                // not 0.0.0.0/0: only CloudFront's origin-facing addresses, added below
                .open(false)
                .defaultAction(ListenerAction.fixedResponse(
                        403,
                        FixedResponseOptions.builder()
                                .contentType("application/json")
                                .messageBody(FORBIDDEN_BODY)
                                .build()));
        props.certificateArn()
                .ifPresent(arn -> listenerProps
                        .certificates(List.of(ListenerCertificate.fromArn(arn)))
                        .sslPolicy(SslPolicy.RECOMMENDED_TLS));
        this.listener = loadBalancer.addListener(https ? "Https" : "Http", listenerProps.build());
        listener.addTargetGroups(
                "FromCloudFront",
                AddApplicationTargetGroupsProps.builder()
                        .priority(1)
                        // a dynamic reference: the template holds {{resolve:secretsmanager:...}}, not the value
                        .conditions(List.of(ListenerCondition.httpHeader(
                                ORIGIN_VERIFY_HEADER,
                                List.of(originVerifySecret.getSecretValue().unsafeUnwrap()))))
                        .targetGroups(List.of(targetGroup))
                        .build());
        CloudFrontOriginPrefixList cloudFront = new CloudFrontOriginPrefixList(this, "CloudFrontPrefixList");
        loadBalancerSecurityGroup.addIngressRule(
                Peer.prefixList(cloudFront.prefixListId()),
                Port.tcp(listener.getPort().intValue()),
                "CloudFront origin-facing addresses only");

        instances.scaleOnCpuUtilization(
                "CpuScaling",
                CpuUtilizationScalingProps.builder()
                        .targetUtilizationPercent(CPU_TARGET_PERCENT)
                        .build());
        // ALBRequestCountPerTarget counts per minute; the setting is per second like the SLO (>= 1,000 GET/s per
        // instance)
        instances.scaleOnRequestCount(
                "RequestScaling",
                RequestCountScalingProps.builder()
                        .targetRequestsPerMinute(props.requestsPerSecond() * 60)
                        .build());
    }

    /**
     * The CloudWatch agent ships the service's log file (it follows the file through truncation).
     * systemd opens it with O_APPEND, so after logrotate's copytruncate the service writes from the
     * start again instead of leaving a hole; journald keeps no second copy.
     */
    static String cloudWatchAgentConfig(String logGroupName) {
        return """
                {"logs": {"logs_collected": {"files": {"collect_list": [
                  {"file_path": "%s", "log_group_name": "%s", "log_stream_name": "{instance_id}", "retention_in_days": -1}
                ]}}}}""".formatted(LOG_FILE, logGroupName);
    }

    /** Hourly, so a burst of logging is cut at 100 MB well before it fills the 16 GB volume. */
    static final String LOGROTATE_CONFIG = LOG_FILE + """
             {
                hourly
                maxsize 100M
                rotate 24
                compress
                missingok
                notifempty
                copytruncate
            }""";

    private static UserData userData(
            Asset jar, DataEndpoints data, TierSettings tiers, LogGroup logGroup, int maxInstances) {
        Map<String, String> environment = new TreeMap<>(data.environment());
        environment.putAll(tiers.environment());
        environment.put("AWS_REGION", Stack.of(jar).getRegion());
        environment.put("PORT", Integer.toString(SERVICE_PORT));
        environment.put("MANAGEMENT_PORT", Integer.toString(MANAGEMENT_PORT));
        environment.put("PRICEWIRE_RATE_LIMIT_FORWARDED_FOR_HOPS", Integer.toString(FORWARDED_FOR_HOPS));
        // with Redis (and so the refresh lease) down every instance refreshes, each with this share of the
        // exchanges' per-IP limits: the whole fleet shares one NAT address
        environment.put("PRICEWIRE_FLEET_MAX_INSTANCES", Integer.toString(maxInstances));
        String environmentFile = environment.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));

        UserData userData = UserData.forLinux();
        userData.addCommands(
                "set -euo pipefail",
                "dnf install -y java-21-amazon-corretto-headless amazon-cloudwatch-agent logrotate",
                "id pricewire >/dev/null 2>&1 || useradd --system --home-dir /opt/pricewire --shell /sbin/nologin pricewire",
                "mkdir -p /opt/pricewire /etc/pricewire /var/log/pricewire",
                "touch " + LOG_FILE,
                "chown pricewire:pricewire /var/log/pricewire " + LOG_FILE,
                "chmod 755 /var/log/pricewire && chmod 644 " + LOG_FILE);
        InstanceBootstrap.download(userData, jar, "/opt/pricewire/pricewire-service.jar");
        userData.addCommands(
                "cat > /etc/pricewire/pricewire.env <<'ENV'\n" + environmentFile + "\nENV",
                "cat > /etc/systemd/system/pricewire.service <<'UNIT'\n" + """
                        [Unit]
                        Description=Pricewire price service
                        Wants=network-online.target
                        After=network-online.target

                        [Service]
                        User=pricewire
                        EnvironmentFile=/etc/pricewire/pricewire.env
                        ExecStart=/usr/bin/java -XX:MaxRAMPercentage=75 -jar /opt/pricewire/pricewire-service.jar
                        StandardOutput=append:%s
                        StandardError=inherit
                        Restart=always
                        RestartSec=5
                        SuccessExitStatus=143

                        [Install]
                        WantedBy=multi-user.target
                        UNIT""".formatted(LOG_FILE),
                "cat > /etc/logrotate.d/pricewire <<'ROTATE'\n" + LOGROTATE_CONFIG + "\nROTATE",
                "mkdir -p /etc/systemd/system/logrotate.timer.d",
                "printf '[Timer]\\nOnCalendar=\\nOnCalendar=hourly\\n' > /etc/systemd/system/logrotate.timer.d/hourly.conf",
                "cat > /opt/aws/amazon-cloudwatch-agent/etc/pricewire.json <<'AGENT'\n"
                        + cloudWatchAgentConfig(logGroup.getLogGroupName()) + "\nAGENT",
                "/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s "
                        + "-c file:/opt/aws/amazon-cloudwatch-agent/etc/pricewire.json",
                "chown -R pricewire:pricewire /opt/pricewire",
                "systemctl daemon-reload",
                "systemctl enable --now logrotate.timer",
                "systemctl enable --now pricewire");
        return userData;
    }

    /** The instances, for their security group (Prometheus scrapes port 8081) and scaling metrics. */
    public AutoScalingGroup instances() {
        return instances;
    }

    public ApplicationLoadBalancer loadBalancer() {
        return loadBalancer;
    }

    public ApplicationTargetGroup targetGroup() {
        return targetGroup;
    }

    /** The one listener: 80, or 443 with a certificate; CloudFront's origin port. */
    public ApplicationListener listener() {
        return listener;
    }

    /** The value CloudFront must send in {@link #ORIGIN_VERIFY_HEADER}. */
    public ISecret originVerifySecret() {
        return originVerifySecret;
    }

    public ILogGroup logGroup() {
        return logGroup;
    }

    public LoadBalancerAccessLogs accessLogs() {
        return accessLogs;
    }

    @Override
    public Connections getConnections() {
        return instances.getConnections();
    }

    @Override
    public IPrincipal getGrantPrincipal() {
        return instances.getGrantPrincipal();
    }
}
