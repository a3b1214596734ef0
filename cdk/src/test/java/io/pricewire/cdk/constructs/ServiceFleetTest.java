package io.pricewire.cdk.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricewire.cdk.PricewireStack;
import io.pricewire.cdk.SynthesizedApp;
import io.pricewire.cdk.TemplateQueries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.CfnLaunchTemplate;

class ServiceFleetTest {

    private final SynthesizedApp app = SynthesizedApp.get();
    private final Template template = app.defaultsTemplate;
    private final PricewireStack stack = app.defaults;

    @Test
    void shouldRequireImdsv2AndEncryptedVolumeWhenInstancesLaunch() {
        template.hasResourceProperties("AWS::EC2::LaunchTemplate", Match.objectLike(Map.of(
                "LaunchTemplateData", Match.objectLike(Map.of(
                        "InstanceType", "t3.medium",
                        "MetadataOptions", Match.objectLike(Map.of("HttpTokens", "required")),
                        "BlockDeviceMappings", List.of(Match.objectLike(Map.of("Ebs", Match.objectLike(Map.of(
                                "Encrypted", true, "VolumeType", "gp3"))))),
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
                .contains("AWS_REGION=")
                .contains("PRICEWIRE_TABLE=")
                .contains("PRICEWIRE_REDIS_REPLICATION_GROUP_ID=")
                .contains("PRICEWIRE_REDIS_AUTH_SECRET_ARN=");
    }

    @Test
    void shouldCheckReadinessOnServicePortWhenTargetsRegister() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Match.objectLike(Map.of(
                "Port", 8080,
                "Protocol", "HTTP",
                "HealthCheckPath", "/health/readiness",
                "Matcher", Map.of("HttpCode", "200"))));
    }

    @Test
    void shouldScaleOnCpuAndRequestsPerTargetWhenLoadChanges() {
        template.hasResourceProperties("AWS::AutoScaling::ScalingPolicy", Match.objectLike(Map.of(
                "PolicyType", "TargetTrackingScaling",
                "TargetTrackingConfiguration", Match.objectLike(Map.of(
                        "PredefinedMetricSpecification", Match.objectLike(Map.of("PredefinedMetricType", "ASGAverageCPUUtilization")),
                        "TargetValue", 60)))));
        // requestsPerTarget is per second, ALBRequestCountPerTarget per minute
        template.hasResourceProperties("AWS::AutoScaling::ScalingPolicy", Match.objectLike(Map.of(
                "TargetTrackingConfiguration", Match.objectLike(Map.of(
                        "PredefinedMetricSpecification", Match.objectLike(Map.of("PredefinedMetricType", "ALBRequestCountPerTarget")),
                        "TargetValue", 60_000)))));
        app.fullTemplate.hasResourceProperties("AWS::AutoScaling::ScalingPolicy", Match.objectLike(Map.of(
                "TargetTrackingConfiguration", Match.objectLike(Map.of(
                        "PredefinedMetricSpecification", Match.objectLike(Map.of("PredefinedMetricType", "ALBRequestCountPerTarget")),
                        "TargetValue", 48_000)))));
    }

    @Test
    void shouldSizeGroupFromContextWhenGivenElseTwoTwoSix() {
        // desired = min is left out: CloudFormation would reset a scaled-out group to it on every deploy
        template.hasResourceProperties("AWS::AutoScaling::AutoScalingGroup", Match.objectLike(Map.of(
                "MinSize", "2", "DesiredCapacity", Match.absent(), "MaxSize", "6",
                "HealthCheckType", "ELB")));
        app.fullTemplate.hasResourceProperties("AWS::AutoScaling::AutoScalingGroup", Match.objectLike(Map.of(
                "MinSize", "3", "DesiredCapacity", "4", "MaxSize", "10")));
    }

    @Test
    void shouldTagInstancesForPrometheusDiscoveryWhenLaunched() {
        template.hasResourceProperties("AWS::AutoScaling::AutoScalingGroup", Match.objectLike(Map.of(
                "Tags", Match.arrayWith(List.of(Map.of("Key", "pricewire:role", "Value", "service", "PropagateAtLaunch", true))))));
    }

    @Test
    void shouldForwardPlainHttpWhenNoCertificateIsGiven() {
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 1);
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of(
                "Port", 80, "Protocol", "HTTP",
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "forward"))))));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Match.objectLike(Map.of(
                "Scheme", "internet-facing")));
    }

    @Test
    void shouldServeHttpsAndRedirectHttpWhenCertificateIsGiven() {
        Template full = app.fullTemplate;
        full.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of(
                "Port", 443, "Protocol", "HTTPS",
                "Certificates", List.of(Map.of("CertificateArn", SynthesizedApp.CERTIFICATE_ARN)),
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "forward"))))));
        full.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of(
                "Port", 80,
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "redirect",
                        "RedirectConfig", Match.objectLike(Map.of("Protocol", "HTTPS", "Port", "443", "StatusCode", "HTTP_301"))))))));
    }

    @Test
    void shouldAdmitServicePortFromLoadBalancerAndPrometheusOnlyWhenWired() {
        Object instanceGroup = stack.resolve(stack.fleet().getConnections().getSecurityGroups().get(0).getSecurityGroupId());
        List<Map<String, Object>> ingress = TemplateQueries.resources(template, "AWS::EC2::SecurityGroupIngress").values().stream()
                .map(TemplateQueries::properties)
                .filter(rule -> instanceGroup.equals(rule.get("GroupId")))
                .toList();
        assertThat(ingress).allSatisfy(rule -> assertThat(rule).containsEntry("FromPort", 8080).containsEntry("ToPort", 8080));
        assertThat(ingress).extracting(rule -> rule.get("SourceSecurityGroupId")).containsExactlyInAnyOrder(
                stack.resolve(stack.fleet().loadBalancer().getConnections().getSecurityGroups().get(0).getSecurityGroupId()),
                stack.resolve(stack.monitoringHost().securityGroup().getSecurityGroupId()));
    }

    @Test
    void shouldUseSessionManagerInsteadOfSshWhenOperatorsNeedAShell() {
        template.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of(
                "ManagedPolicyArns", Match.arrayWith(List.of(Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(
                        Match.arrayWith(List.of(":iam::aws:policy/AmazonSSMManagedInstanceCore")))))))))));
        assertThat(TemplateQueries.valuesOf(template.toJSON(), "FromPort")).doesNotContain(22);
    }

    @Test
    void shouldRejectCapacitiesOutOfOrderWhenPropsAreBuilt() {
        assertThatThrownBy(() -> new ServiceFleet.Capacity(3, 2, 6)).hasMessageContaining("min <= desired <= max");
    }

    private Map<?, ?> serviceLaunchTemplateData() {
        CfnLaunchTemplate launchTemplate = (CfnLaunchTemplate) stack.fleet().getNode().findChild("LaunchTemplate")
                .getNode().getDefaultChild();
        String logicalId = stack.resolve(launchTemplate.getRef()) instanceof Map<?, ?> ref ? ref.get("Ref").toString() : "";
        Map<String, Object> resource = TemplateQueries.resources(template, "AWS::EC2::LaunchTemplate").get(logicalId);
        return (Map<?, ?>) TemplateQueries.properties(resource).get("LaunchTemplateData");
    }
}
