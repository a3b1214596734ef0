package io.pricewire.cdk.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
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
import software.amazon.awscdk.services.ec2.S3DownloadOptions;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.UserData;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.RedirectOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * Creates the service tier: an internet-facing Application Load Balancer (HTTP; with a
 * certificate, HTTPS plus an HTTP-to-HTTPS redirect) in the public subnets, and behind it an Auto
 * Scaling group of Amazon Linux 2023 instances in the private subnets, started from a launch
 * template (IMDSv2 only, encrypted gp3 root volume, SSM instead of SSH) whose user data installs
 * Corretto 21, downloads the service jar (an S3 asset) and runs it as the systemd unit
 * {@code pricewire}. The target group checks {@code /health/readiness} (ready only after cache
 * warm-up); the group scales on average CPU and on ALB requests per target.
 */
public final class ServiceFleet extends Construct implements IConnectable, IGrantable {

    public static final int SERVICE_PORT = 8080;
    public static final String HEALTH_CHECK_PATH = "/health/readiness";
    public static final int CPU_TARGET_PERCENT = 60;

    /**
     * @param vpc               the network's VPC
     * @param serviceJar        the service fat jar to deploy
     * @param data              table, cache and secret the service reads (environment variables)
     * @param instanceType      instance size
     * @param capacity          instances: minimum, desired at deploy, maximum
     * @param requestsPerSecond ALB requests per second per instance the fleet scales to hold
     * @param certificateArn    ACM certificate for HTTPS, or empty for plain HTTP
     */
    public record Props(IVpc vpc, Path serviceJar, DataEndpoints data, InstanceType instanceType,
                        Capacity capacity, int requestsPerSecond, Optional<String> certificateArn) {
        public Props {
            Objects.requireNonNull(vpc, "vpc");
            Objects.requireNonNull(serviceJar, "serviceJar");
            Objects.requireNonNull(data, "data");
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
                        "capacity must satisfy 1 <= min <= desired <= max, got min=%d desired=%d max=%d".formatted(min, desired, max));
            }
        }
    }

    private final AutoScalingGroup instances;
    private final ApplicationLoadBalancer loadBalancer;
    private final ApplicationTargetGroup targetGroup;
    private final String apiUrl;

    public ServiceFleet(Construct scope, String id, Props props) {
        super(scope, id);
        Naming.tagComponent(this, "service");

        Role role = Role.Builder.create(this, "InstanceRole")
                .description("Pricewire service instances")
                .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                // shell access through Session Manager: no SSH key, no port 22
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("AmazonSSMManagedInstanceCore")))
                .build();

        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM4")
                .reason("AmazonSSMManagedInstanceCore is the AWS-maintained policy for Session Manager, which replaces SSH.")
                .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore"))
                .build()), true);

        Asset jar = Asset.Builder.create(this, "ServiceJar").path(props.serviceJar().toString()).build();
        // exactly this object: asset.grantRead would also allow listing and reading the whole bootstrap bucket
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject"))
                .resources(List.of(jar.getBucket().arnForObjects(jar.getS3ObjectKey())))
                .build());

        SecurityGroup instanceSecurityGroup = SecurityGroup.Builder.create(this, "InstanceSecurityGroup")
                .vpc(props.vpc())
                .description("Pricewire service instances: port 8080 from the load balancer and Prometheus only")
                // the service calls exchanges (through NAT), Redis, DynamoDB, Secrets Manager and ElastiCache APIs
                .allowAllOutbound(true)
                .build();

        LaunchTemplate launchTemplate = LaunchTemplate.Builder.create(this, "LaunchTemplate")
                .machineImage(MachineImage.latestAmazonLinux2023())
                .instanceType(props.instanceType())
                .role(role)
                .securityGroup(instanceSecurityGroup)
                .userData(userData(jar, props.data()))
                .requireImdsv2(true)
                // 1-minute CPU metrics so target tracking reacts within minutes, not within 5-minute buckets
                .detailedMonitoring(true)
                .blockDevices(List.of(BlockDevice.builder()
                        .deviceName("/dev/xvda")
                        .volume(BlockDeviceVolume.ebs(16, EbsDeviceOptions.builder()
                                .volumeType(EbsDeviceVolumeType.GP3).encrypted(true).build()))
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
            Annotations.of(instances).acknowledgeWarning("@aws-cdk/aws-autoscaling:desiredCapacitySet",
                    "desiredCapacity above minCapacity was asked for explicitly (context), reset on deploy included");
        }
        Naming.tagServiceInstances(instances);
        NagSuppressions.addResourceSuppressions(instances, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-AS3")
                .reason("Scaling activity is kept in the group's activity history and its CloudWatch group metrics; "
                        + "what operators must act on (unhealthy hosts, SLO breaches) is alarmed to the alarm topic.")
                .build()), true);

        SecurityGroup loadBalancerSecurityGroup = SecurityGroup.Builder.create(this, "LoadBalancerSecurityGroup")
                .vpc(props.vpc())
                .description("Pricewire load balancer: public HTTP(S) in, port 8080 to the service instances out")
                // egress to the instances is added when the target group is attached
                .allowAllOutbound(false)
                .build();
        NagSuppressions.addResourceSuppressions(loadBalancerSecurityGroup, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-EC23")
                .reason("This is the public price API: ports 80 and 443 of the load balancer must be open to any "
                        + "client; nothing else in the stack is reachable from the internet.")
                .build()));
        this.loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .vpc(props.vpc())
                .vpcSubnets(Network.publicSubnets())
                .internetFacing(true)
                .securityGroup(loadBalancerSecurityGroup)
                .dropInvalidHeaderFields(true)
                .build();
        NagSuppressions.addResourceSuppressions(loadBalancer, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-ELB2")
                .reason("The stack is environment-agnostic so that it synthesizes offline, and CDK needs a concrete "
                        + "region to write the access-log bucket policy; request metrics, latency percentiles and "
                        + "5xx counts come from CloudWatch ALB metrics and the service's own Prometheus metrics.")
                .build()));

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

        if (props.certificateArn().isPresent()) {
            loadBalancer.addListener("Https", BaseApplicationListenerProps.builder()
                    .port(443)
                    .protocol(ApplicationProtocol.HTTPS)
                    .certificates(List.of(ListenerCertificate.fromArn(props.certificateArn().get())))
                    .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                    .defaultTargetGroups(List.of(targetGroup))
                    .build());
            loadBalancer.addListener("Http", BaseApplicationListenerProps.builder()
                    .port(80)
                    .protocol(ApplicationProtocol.HTTP)
                    .defaultAction(ListenerAction.redirect(RedirectOptions.builder()
                            .protocol("HTTPS").port("443").permanent(true).build()))
                    .build());
            this.apiUrl = "https://" + loadBalancer.getLoadBalancerDnsName();
        } else {
            loadBalancer.addListener("Http", BaseApplicationListenerProps.builder()
                    .port(80)
                    .protocol(ApplicationProtocol.HTTP)
                    .defaultTargetGroups(List.of(targetGroup))
                    .build());
            this.apiUrl = "http://" + loadBalancer.getLoadBalancerDnsName();
        }

        instances.scaleOnCpuUtilization("CpuScaling", CpuUtilizationScalingProps.builder()
                .targetUtilizationPercent(CPU_TARGET_PERCENT)
                .build());
        // ALBRequestCountPerTarget counts per minute; the setting is per second like the SLO (>= 1,000 GET/s per instance)
        instances.scaleOnRequestCount("RequestScaling", RequestCountScalingProps.builder()
                .targetRequestsPerMinute(props.requestsPerSecond() * 60)
                .build());
    }

    private static UserData userData(Asset jar, DataEndpoints data) {
        Map<String, String> environment = new TreeMap<>(data.environment());
        environment.put("AWS_REGION", Stack.of(jar).getRegion());
        environment.put("PORT", Integer.toString(SERVICE_PORT));
        String environmentFile = environment.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));

        UserData userData = UserData.forLinux();
        userData.addCommands(
                "set -euo pipefail",
                "dnf install -y java-21-amazon-corretto-headless",
                "id pricewire >/dev/null 2>&1 || useradd --system --home-dir /opt/pricewire --shell /sbin/nologin pricewire",
                "mkdir -p /opt/pricewire /etc/pricewire");
        userData.addS3DownloadCommand(S3DownloadOptions.builder()
                .bucket(jar.getBucket())
                .bucketKey(jar.getS3ObjectKey())
                .localFile("/opt/pricewire/pricewire-service.jar")
                .build());
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
                        Restart=always
                        RestartSec=5
                        SuccessExitStatus=143

                        [Install]
                        WantedBy=multi-user.target
                        UNIT""",
                "chown -R pricewire:pricewire /opt/pricewire",
                "systemctl daemon-reload",
                "systemctl enable --now pricewire");
        return userData;
    }

    /** The instances, for their security group (Prometheus scrapes port 8080) and scaling metrics. */
    public AutoScalingGroup instances() {
        return instances;
    }

    public ApplicationLoadBalancer loadBalancer() {
        return loadBalancer;
    }

    public ApplicationTargetGroup targetGroup() {
        return targetGroup;
    }

    /** {@code http(s)://<load balancer DNS name>}; with a certificate, point a DNS name of it at the load balancer. */
    public String apiUrl() {
        return apiUrl;
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
