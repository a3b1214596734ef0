package io.pricewire.cdk.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricewire.cdk.PricewireStack;
import io.pricewire.cdk.SynthesizedApp;
import io.pricewire.cdk.TemplateQueries;
import io.pricewire.core.asset.TierSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.CfnLaunchTemplate;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.iam.IRole;

class ServiceFleetTest {

    private final SynthesizedApp app = SynthesizedApp.get();
    private final Template template = app.defaultsTemplate;
    private final PricewireStack stack = app.defaults;

    @Test
    void shouldRequireImdsv2AndEncryptedVolumeWhenInstancesLaunch() {
        template.hasResourceProperties(
                "AWS::EC2::LaunchTemplate",
                Match.objectLike(Map.of(
                        "LaunchTemplateData",
                        Match.objectLike(Map.of(
                                "InstanceType", "t3.medium",
                                "MetadataOptions", Match.objectLike(Map.of("HttpTokens", "required")),
                                "BlockDeviceMappings",
                                        List.of(Match.objectLike(Map.of(
                                                "Ebs",
                                                Match.objectLike(Map.of("Encrypted", true, "VolumeType", "gp3"))))),
                                "KeyName", Match.absent())))));
    }

    @Test
    void shouldInstallCorrettoAndRunTheJarAsSystemdUnitWhenInstanceBoots() {
        String userData = TemplateQueries.text(serviceLaunchTemplateData().get("UserData"));
        assertThat(userData)
                .contains("dnf install -y java-21-amazon-corretto-headless")
                .contains("aws s3 cp 's3://")
                .contains("/opt/pricewire/pricewire-service.jar")
                .contains("/etc/systemd/system/pricewire.service")
                .contains("systemctl enable --now pricewire")
                .contains("PORT=8080")
                .contains("MANAGEMENT_PORT=8081")
                // CloudFront appends the viewer, the load balancer appends CloudFront: the client is 2nd from the right
                .contains("PRICEWIRE_RATE_LIMIT_FORWARDED_FOR_HOPS=2")
                // the exchanges' budget is divided by the Auto Scaling group's maximum when the lease is down
                .contains("PRICEWIRE_FLEET_MAX_INSTANCES=6")
                .contains("AWS_REGION=")
                .contains("PRICEWIRE_TABLE=")
                .contains("PRICEWIRE_HISTORY_TABLE=")
                .contains("PRICEWIRE_REDIS_REPLICATION_GROUP_ID=")
                .contains("PRICEWIRE_REDIS_AUTH_SECRET_ARN=");
    }

    @Test
    void shouldNameBothTablesInTheServiceEnvironmentWhenInstanceBoots() {
        String userData = TemplateQueries.json(serviceLaunchTemplateData().get("UserData"));
        // in the user data's Fn::Join, each variable's literal part is followed by the reference to its table
        assertThat(userData)
                .contains("\\nPRICEWIRE_TABLE=\","
                        + TemplateQueries.json(
                                stack.resolve(stack.table().table().getTableName())))
                .contains("\\nPRICEWIRE_HISTORY_TABLE=\","
                        + TemplateQueries.json(
                                stack.resolve(stack.historyTable().table().getTableName())));
    }

    @Test
    void shouldGiveTheServiceTheTiersTheColdLambdaIsGivenWhenDeployed() {
        String userData = TemplateQueries.text(serviceLaunchTemplateData().get("UserData"));

        assertThat(TierSettings.DEFAULT.environment()).isNotEmpty().allSatisfy((variable, value) -> {
            assertThat(userData).contains(variable + "=" + value + "\n");
            template.hasResourceProperties(
                    "AWS::Lambda::Function",
                    Match.objectLike(
                            Map.of("Environment", Map.of("Variables", Match.objectLike(Map.of(variable, value))))));
        });
    }

    @Test
    void shouldCheckHealthzOnThePublicPortWhenTargetsRegister() {
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::TargetGroup",
                Match.objectLike(Map.of(
                        "Port",
                        8080,
                        "Protocol",
                        "HTTP",
                        "HealthCheckPath",
                        "/healthz",
                        // the traffic port: the management port is closed to the load balancer
                        "HealthCheckPort",
                        Match.absent(),
                        "Matcher",
                        Map.of("HttpCode", "200"))));
    }

    @Test
    void shouldNeverRouteToTheManagementPortWhenTheLoadBalancerForwards() {
        for (PricewireStack each : List.of(app.defaults, app.full)) {
            Template t = each == app.defaults ? app.defaultsTemplate : app.fullTemplate;
            assertThat(TemplateQueries.resources(t, "AWS::ElasticLoadBalancingV2::TargetGroup")
                            .values())
                    .extracting(group -> TemplateQueries.properties(group).get("Port"))
                    .containsExactly(8080);
            Object loadBalancerGroup = each.resolve(each.fleet()
                    .loadBalancer()
                    .getConnections()
                    .getSecurityGroups()
                    .get(0)
                    .getSecurityGroupId());
            List<Map<String, Object>> egress =
                    TemplateQueries.resources(t, "AWS::EC2::SecurityGroupEgress").values().stream()
                            .map(TemplateQueries::properties)
                            .filter(rule -> loadBalancerGroup.equals(rule.get("GroupId")))
                            .toList();
            assertThat(egress)
                    .singleElement()
                    .satisfies(rule ->
                            assertThat(rule).containsEntry("FromPort", 8080).containsEntry("ToPort", 8080));
        }
    }

    @Test
    void shouldScaleOnCpuAndRequestsPerTargetWhenLoadChanges() {
        template.hasResourceProperties(
                "AWS::AutoScaling::ScalingPolicy",
                Match.objectLike(Map.of(
                        "PolicyType",
                        "TargetTrackingScaling",
                        "TargetTrackingConfiguration",
                        Match.objectLike(Map.of(
                                "PredefinedMetricSpecification",
                                Match.objectLike(Map.of("PredefinedMetricType", "ASGAverageCPUUtilization")),
                                "TargetValue",
                                60)))));
        // requestsPerTarget is per second, ALBRequestCountPerTarget per minute
        template.hasResourceProperties(
                "AWS::AutoScaling::ScalingPolicy",
                Match.objectLike(Map.of(
                        "TargetTrackingConfiguration",
                        Match.objectLike(Map.of(
                                "PredefinedMetricSpecification",
                                Match.objectLike(Map.of("PredefinedMetricType", "ALBRequestCountPerTarget")),
                                "TargetValue",
                                60_000)))));
        app.fullTemplate.hasResourceProperties(
                "AWS::AutoScaling::ScalingPolicy",
                Match.objectLike(Map.of(
                        "TargetTrackingConfiguration",
                        Match.objectLike(Map.of(
                                "PredefinedMetricSpecification",
                                Match.objectLike(Map.of("PredefinedMetricType", "ALBRequestCountPerTarget")),
                                "TargetValue",
                                48_000)))));
    }

    @Test
    void shouldSizeGroupFromContextWhenGivenElseTwoTwoSix() {
        // desired = min is left out: CloudFormation would reset a scaled-out group to it on every deploy
        template.hasResourceProperties(
                "AWS::AutoScaling::AutoScalingGroup",
                Match.objectLike(Map.of(
                        "MinSize", "2", "DesiredCapacity", Match.absent(), "MaxSize", "6", "HealthCheckType", "ELB")));
        app.fullTemplate.hasResourceProperties(
                "AWS::AutoScaling::AutoScalingGroup",
                Match.objectLike(Map.of("MinSize", "3", "DesiredCapacity", "4", "MaxSize", "10")));
    }

    @Test
    void shouldTagInstancesForPrometheusDiscoveryWhenLaunched() {
        template.hasResourceProperties(
                "AWS::AutoScaling::AutoScalingGroup",
                Match.objectLike(Map.of(
                        "Tags",
                        Match.arrayWith(List.of(
                                Map.of("Key", "pricewire:role", "Value", "service", "PropagateAtLaunch", true))))));
    }

    @Test
    void shouldAnswer403JsonUnlessTheOriginHeaderMatchesWhenARequestArrives() {
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 1);
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::Listener",
                Match.objectLike(Map.of(
                        "Port",
                        80,
                        "Protocol",
                        "HTTP",
                        "DefaultActions",
                        List.of(Map.of(
                                "Type",
                                "fixed-response",
                                "FixedResponseConfig",
                                Map.of(
                                        "StatusCode", "403",
                                        "ContentType", "application/json",
                                        "MessageBody",
                                                Match.stringLikeRegexp(
                                                        "^\\{\"error\":\"forbidden\",\"message\":\".+\"\\}$")))))));
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::ListenerRule", 1);
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::ListenerRule",
                Match.objectLike(Map.of(
                        "Actions", List.of(Match.objectLike(Map.of("Type", "forward"))),
                        "Conditions",
                                List.of(Map.of(
                                        "Field",
                                        "http-header",
                                        "HttpHeaderConfig",
                                        Map.of(
                                                "HttpHeaderName",
                                                "X-Pricewire-Origin-Verify",
                                                "Values",
                                                List.of(Match.objectLike(Map.of(
                                                        "Fn::Join",
                                                        Match.arrayWith(List.of(Match.arrayWith(
                                                                List.of("{{resolve:secretsmanager:")))))))))))));
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::LoadBalancer", Match.objectLike(Map.of("Scheme", "internet-facing")));
    }

    @Test
    void shouldListenOnHttpsOnlyWhenCertificateIsGiven() {
        Template full = app.fullTemplate;
        full.resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 1);
        full.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::Listener",
                Match.objectLike(Map.of(
                        "Port",
                        443,
                        "Protocol",
                        "HTTPS",
                        "Certificates",
                        List.of(Map.of("CertificateArn", SynthesizedApp.CERTIFICATE_ARN)),
                        "DefaultActions",
                        List.of(Match.objectLike(Map.of("Type", "fixed-response"))))));
    }

    @Test
    void shouldAdmitOnlyCloudFrontOriginFacingAddressesWhenTheLoadBalancerIsReached() {
        for (PricewireStack each : List.of(app.defaults, app.full)) {
            Template t = each == app.defaults ? app.defaultsTemplate : app.fullTemplate;
            Map<String, Object> lookup = TemplateQueries.properties(
                    TemplateQueries.resource(t, "Custom::AWS", "ServiceCloudFrontPrefixListLookup")
                            .getValue());
            assertThat(TemplateQueries.text(lookup.get("Create")))
                    .contains("\"action\":\"describeManagedPrefixLists\"")
                    .contains("com.amazonaws.global.cloudfront.origin-facing");
            String lookupId = TemplateQueries.resource(t, "Custom::AWS", "ServiceCloudFrontPrefixListLookup")
                    .getKey();

            Object groupId = each.resolve(each.fleet()
                    .loadBalancer()
                    .getConnections()
                    .getSecurityGroups()
                    .get(0)
                    .getSecurityGroupId());
            List<Map<?, ?>> ingress = new ArrayList<>();
            TemplateQueries.valuesOf(loadBalancerGroup(each, t), "SecurityGroupIngress")
                    .forEach(rules -> ((List<?>) rules).forEach(rule -> ingress.add((Map<?, ?>) rule)));
            TemplateQueries.resources(t, "AWS::EC2::SecurityGroupIngress").values().stream()
                    .map(TemplateQueries::properties)
                    .filter(rule -> groupId.equals(rule.get("GroupId")))
                    .forEach(ingress::add);
            int port = each == app.defaults ? 80 : 443;
            // one rule: the prefix list weighs ~55 rules against the group's quota of 60
            assertThat(ingress).singleElement().satisfies(rule -> {
                assertThat(rule.get("FromPort")).isEqualTo(port);
                assertThat(rule.get("ToPort")).isEqualTo(port);
                assertThat(rule.get("SourcePrefixListId"))
                        .isEqualTo(Map.of("Fn::GetAtt", List.of(lookupId, "PrefixLists.0.PrefixListId")));
            });
        }
    }

    @Test
    void shouldWriteAccessLogsToAnEncryptedPrivateExpiringBucketWhenTheLoadBalancerServes() {
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::LoadBalancer",
                Match.objectLike(Map.of(
                        "LoadBalancerAttributes",
                        Match.arrayWith(List.of(
                                Map.of("Key", "access_logs.s3.enabled", "Value", "true"),
                                Map.of("Key", "access_logs.s3.prefix", "Value", "alb"))))));
        Map.Entry<String, Map<String, Object>> bucket =
                TemplateQueries.resource(template, "AWS::S3::Bucket", "ServiceAccessLogsBucket");
        assertThat(bucket.getValue()).containsEntry("DeletionPolicy", "Retain");
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Match.objectLike(Map.of(
                        "BucketEncryption",
                                Map.of(
                                        "ServerSideEncryptionConfiguration",
                                        List.of(Map.of(
                                                "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                        "PublicAccessBlockConfiguration",
                                Map.of(
                                        "BlockPublicAcls",
                                        true,
                                        "BlockPublicPolicy",
                                        true,
                                        "IgnorePublicAcls",
                                        true,
                                        "RestrictPublicBuckets",
                                        true),
                        "LifecycleConfiguration",
                                Map.of(
                                        "Rules",
                                        List.of(Match.objectLike(
                                                Map.of("ExpirationInDays", 90, "Status", "Enabled")))))));
        Map<String, Object> policy = TemplateQueries.properties(
                TemplateQueries.resource(template, "AWS::S3::BucketPolicy", "ServiceAccessLogsBucketPolicy")
                        .getValue());
        String policyJson = TemplateQueries.json(policy);
        assertThat(policyJson)
                .contains("aws:SecureTransport")
                .contains("logdelivery.elasticloadbalancing.amazonaws.com")
                .contains("ElbLogAccounts");
    }

    @Test
    void shouldShipTheServiceLogToARetainedLogGroupWhenInstancesRun() {
        template.hasResourceProperties(
                "AWS::Logs::LogGroup", Map.of("LogGroupName", "/Defaults/service", "RetentionInDays", 30));
        String userData = TemplateQueries.text(serviceLaunchTemplateData().get("UserData"));
        assertThat(userData)
                .contains("amazon-cloudwatch-agent")
                .contains("StandardOutput=append:/var/log/pricewire/service.log")
                .contains("\"file_path\": \"/var/log/pricewire/service.log\"")
                .contains("amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s")
                .contains("/etc/logrotate.d/pricewire")
                .contains("copytruncate");
        Object logGroupArn = stack.resolve(stack.fleet().logGroup().getLogGroupArn());
        Object fleetRole = stack.resolve(((IRole) stack.fleet().getGrantPrincipal()).getRoleName());
        List<Map<String, Object>> fleetLogStatements =
                TemplateQueries.resources(template, "AWS::IAM::Policy").values().stream()
                        .map(TemplateQueries::properties)
                        .filter(policy -> ((List<?>) policy.get("Roles")).contains(fleetRole))
                        .flatMap(policy -> TemplateQueries.statements(policy).stream())
                        .filter(statement -> TemplateQueries.actions(statement).stream()
                                .anyMatch(action -> action.startsWith("logs:")))
                        .toList();
        // the instances may write to their own group only
        assertThat(fleetLogStatements).singleElement().satisfies(statement -> {
            assertThat(TemplateQueries.actions(statement))
                    .containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams");
            assertThat(TemplateQueries.items(statement.get("Resource")).toList())
                    .containsExactly(logGroupArn);
        });
    }

    @Test
    void shouldAdmitPublicPortFromLoadBalancerAndManagementPortFromPrometheusOnlyWhenWired() {
        Object instanceGroup = stack.resolve(
                stack.fleet().getConnections().getSecurityGroups().get(0).getSecurityGroupId());
        List<Map<String, Object>> ingress =
                TemplateQueries.resources(template, "AWS::EC2::SecurityGroupIngress").values().stream()
                        .map(TemplateQueries::properties)
                        .filter(rule -> instanceGroup.equals(rule.get("GroupId")))
                        .toList();
        assertThat(TemplateQueries.valuesOf(instanceGroup(), "SecurityGroupIngress"))
                .isEmpty();
        assertThat(ingress)
                .extracting(
                        rule -> List.of(rule.get("FromPort"), rule.get("ToPort"), rule.get("SourceSecurityGroupId")))
                .containsExactlyInAnyOrder(
                        List.of(
                                8080,
                                8080,
                                stack.resolve(stack.fleet()
                                        .loadBalancer()
                                        .getConnections()
                                        .getSecurityGroups()
                                        .get(0)
                                        .getSecurityGroupId())),
                        List.of(
                                8081,
                                8081,
                                stack.resolve(
                                        stack.monitoringHost().securityGroup().getSecurityGroupId())));
    }

    @Test
    void shouldUseSessionManagerInsteadOfSshWhenOperatorsNeedAShell() {
        template.hasResourceProperties(
                "AWS::IAM::Role",
                Match.objectLike(Map.of(
                        "ManagedPolicyArns",
                        Match.arrayWith(List.of(Match.objectLike(Map.of(
                                "Fn::Join",
                                Match.arrayWith(List.of(Match.arrayWith(
                                        List.of(":iam::aws:policy/AmazonSSMManagedInstanceCore")))))))))));
        assertThat(TemplateQueries.valuesOf(template.toJSON(), "FromPort")).doesNotContain(22);
    }

    @Test
    void shouldRejectCapacitiesOutOfOrderWhenPropsAreBuilt() {
        assertThatThrownBy(() -> new ServiceFleet.Capacity(3, 2, 6)).hasMessageContaining("min <= desired <= max");
    }

    private Map<String, Object> instanceGroup() {
        CfnSecurityGroup group = (CfnSecurityGroup) stack.fleet()
                .getConnections()
                .getSecurityGroups()
                .get(0)
                .getNode()
                .getDefaultChild();
        return TemplateQueries.resources(template, "AWS::EC2::SecurityGroup")
                .get(stack.resolve(group.getLogicalId()).toString());
    }

    private static Map<String, Object> loadBalancerGroup(PricewireStack stack, Template template) {
        CfnSecurityGroup group = (CfnSecurityGroup) stack.fleet()
                .loadBalancer()
                .getConnections()
                .getSecurityGroups()
                .get(0)
                .getNode()
                .getDefaultChild();
        return TemplateQueries.properties(TemplateQueries.resources(template, "AWS::EC2::SecurityGroup")
                .get(stack.resolve(group.getLogicalId()).toString()));
    }

    private Map<?, ?> serviceLaunchTemplateData() {
        CfnLaunchTemplate launchTemplate = (CfnLaunchTemplate)
                stack.fleet().getNode().findChild("LaunchTemplate").getNode().getDefaultChild();
        String logicalId = stack.resolve(launchTemplate.getRef()) instanceof Map<?, ?> ref
                ? ref.get("Ref").toString()
                : "";
        Map<String, Object> resource =
                TemplateQueries.resources(template, "AWS::EC2::LaunchTemplate").get(logicalId);
        return (Map<?, ?>) TemplateQueries.properties(resource).get("LaunchTemplateData");
    }
}
