package io.pricewire.cdk.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.cdk.PricewireStack;
import io.pricewire.cdk.SynthesizedApp;
import io.pricewire.cdk.TemplateQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.CfnInstance;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;

class PrometheusGrafanaHostTest {

    private final SynthesizedApp app = SynthesizedApp.get();

    @Test
    void shouldAdmitPrometheusAndGrafanaFromAdminCidrOnlyWhenOneIsGiven() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ingress = (List<Map<String, Object>>)
                monitoringGroup(app.full, app.fullTemplate).get("SecurityGroupIngress");
        assertThat(ingress)
                .hasSize(2)
                .allSatisfy(rule -> assertThat(rule).containsEntry("CidrIp", SynthesizedApp.ADMIN_CIDR));
        assertThat(ingress).extracting(rule -> rule.get("FromPort")).containsExactlyInAnyOrder(9090, 3000);
    }

    @Test
    void shouldAdmitNobodyWhenNoAdminCidrIsGiven() {
        assertThat(monitoringGroup(app.defaults, app.defaultsTemplate)).doesNotContainKey("SecurityGroupIngress");
        List<Map<String, Object>> separateRules =
                TemplateQueries.resources(app.defaultsTemplate, "AWS::EC2::SecurityGroupIngress").values().stream()
                        .map(TemplateQueries::properties)
                        .filter(rule -> app.defaults
                                .resolve(app.defaults
                                        .monitoringHost()
                                        .securityGroup()
                                        .getSecurityGroupId())
                                .equals(rule.get("GroupId")))
                        .toList();
        assertThat(separateRules).isEmpty();
    }

    @Test
    void shouldReachOnlyHttpsAndTheFleetManagementPortWhenScraping() {
        PricewireStack stack = app.defaults;
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> egress = (List<Map<String, Object>>)
                monitoringGroup(stack, app.defaultsTemplate).get("SecurityGroupEgress");
        assertThat(egress)
                .containsExactly(Map.of(
                        "CidrIp",
                        "0.0.0.0/0",
                        "Description",
                        "HTTPS: AWS APIs, S3, Prometheus and Grafana downloads",
                        "FromPort",
                        443,
                        "IpProtocol",
                        "tcp",
                        "ToPort",
                        443));
        Object hostGroup = stack.resolve(stack.monitoringHost().securityGroup().getSecurityGroupId());
        List<Map<String, Object>> separate =
                TemplateQueries.resources(app.defaultsTemplate, "AWS::EC2::SecurityGroupEgress").values().stream()
                        .map(TemplateQueries::properties)
                        .filter(rule -> hostGroup.equals(rule.get("GroupId")))
                        .toList();
        assertThat(separate)
                .singleElement()
                .satisfies(rule -> assertThat(rule)
                        .containsEntry("FromPort", 8081)
                        .containsEntry("ToPort", 8081)
                        .containsEntry(
                                "DestinationSecurityGroupId",
                                stack.resolve(stack.fleet()
                                        .getConnections()
                                        .getSecurityGroups()
                                        .get(0)
                                        .getSecurityGroupId())));
    }

    @Test
    void shouldOpenNothingToTheInternetWhenAnyOptionIsSet() {
        for (Template template : app.templates()) {
            List<Object> ingress = new ArrayList<>();
            TemplateQueries.resources(template, "AWS::EC2::SecurityGroup")
                    .values()
                    .forEach(group -> ingress.addAll((List<?>)
                            TemplateQueries.properties(group).getOrDefault("SecurityGroupIngress", List.of())));
            TemplateQueries.resources(template, "AWS::EC2::SecurityGroupIngress")
                    .values()
                    .forEach(rule -> ingress.add(TemplateQueries.properties(rule)));
            // even the load balancer admits CloudFront's prefix list only
            assertThat(ingress)
                    .isNotEmpty()
                    .noneMatch(rule -> "0.0.0.0/0".equals(((Map<?, ?>) rule).get("CidrIp"))
                            || "::/0".equals(((Map<?, ?>) rule).get("CidrIpv6")));
        }
    }

    @Test
    void shouldConfigureFromMonitoringFolderAssetWhenInstanceBoots() {
        PricewireStack stack = app.defaults;
        CfnInstance instance =
                (CfnInstance) stack.monitoringHost().instance().getNode().getDefaultChild();
        String logicalId = stack.resolve(instance.getLogicalId()).toString();
        Map<String, Object> properties =
                TemplateQueries.properties(TemplateQueries.resources(app.defaultsTemplate, "AWS::EC2::Instance")
                        .get(logicalId));
        String userData = TemplateQueries.text(properties.get("UserData"));
        assertThat(userData)
                .contains("aws s3 cp 's3://")
                .contains("PROMETHEUS_VERSION=" + PrometheusGrafanaHost.PROMETHEUS_VERSION)
                .contains("prometheus-$PROMETHEUS_VERSION.linux-amd64.tar.gz")
                .contains("cp -r /opt/pricewire-monitoring/prometheus/. /etc/prometheus/")
                // region of the EC2 discovery set to the stack's, its port to the management port, the local job
                // dropped
                .contains(PrometheusGrafanaHost.ADAPT_PROMETHEUS_CONFIG)
                .contains("python3 - /etc/prometheus/prometheus.yml ")
                .contains(" 8081 <<'PY'")
                .contains("https://rpm.grafana.com")
                .contains("/etc/grafana/provisioning/")
                .contains(PrometheusGrafanaHost.INSTALL_GRAFANA_DASHBOARDS)
                .contains("GF_SECURITY_ADMIN_PASSWORD")
                .contains("systemctl enable --now prometheus grafana-server")
                .doesNotContain("set -x");
        assertThat(properties).containsEntry("Monitoring", true);
    }

    @Test
    void shouldRequireImdsv2AndUseSessionManagerWhenHostRuns() {
        Template template = app.defaultsTemplate;
        template.resourcePropertiesCountIs(
                "AWS::EC2::LaunchTemplate",
                Match.objectLike(Map.of(
                        "LaunchTemplateData",
                        Match.objectLike(
                                Map.of("MetadataOptions", Match.objectLike(Map.of("HttpTokens", "required")))))),
                2);
        template.hasResourceProperties(
                "AWS::EC2::Instance",
                Match.objectLike(Map.of(
                        "InstanceType", "t3.small",
                        "KeyName", Match.absent(),
                        "BlockDeviceMappings",
                                List.of(Match.objectLike(
                                        Map.of("Ebs", Match.objectLike(Map.of("Encrypted", true))))))));
    }

    @Test
    void shouldDiscoverTargetsWithDescribeOnlyWhenPrometheusLooksForInstances() {
        List<Map<String, Object>> discovery = TemplateQueries.statements(app.defaultsTemplate).stream()
                .filter(statement -> TemplateQueries.actions(statement).contains("ec2:DescribeInstances"))
                .toList();
        assertThat(discovery).hasSize(1);
        assertThat(TemplateQueries.actions(discovery.get(0))).allMatch(action -> action.startsWith("ec2:Describe"));
    }

    private static Map<String, Object> monitoringGroup(PricewireStack stack, Template template) {
        CfnSecurityGroup group = (CfnSecurityGroup)
                stack.monitoringHost().securityGroup().getNode().getDefaultChild();
        return TemplateQueries.properties(TemplateQueries.resources(template, "AWS::EC2::SecurityGroup")
                .get(stack.resolve(group.getLogicalId()).toString()));
    }
}
