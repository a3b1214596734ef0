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

class PriceCacheTest {

    private final SynthesizedApp app = SynthesizedApp.get();
    private final Template template = app.defaultsTemplate;
    private final PricewireStack stack = app.defaults;

    @Test
    void shouldReplicateAcrossZonesWithAutomaticFailoverWhenCreated() {
        template.hasResourceProperties(
                "AWS::ElastiCache::ReplicationGroup",
                Match.objectLike(Map.of(
                        "Engine",
                        "redis",
                        "NumCacheClusters",
                        2,
                        "AutomaticFailoverEnabled",
                        true,
                        "MultiAZEnabled",
                        true,
                        "CacheNodeType",
                        "cache.t4g.small")));
    }

    @Test
    void shouldEncryptInTransitAndAtRestWithAuthTokenFromSecretWhenCreated() {
        template.hasResourceProperties(
                "AWS::ElastiCache::ReplicationGroup",
                Match.objectLike(Map.of(
                        "TransitEncryptionEnabled", true,
                        "AtRestEncryptionEnabled", true,
                        "AuthToken",
                                Match.objectLike(Map.of(
                                        "Fn::Join",
                                        Match.arrayWith(
                                                List.of(Match.arrayWith(List.of("{{resolve:secretsmanager:")))))))));
        template.hasResourceProperties(
                "AWS::SecretsManager::Secret",
                Match.objectLike(Map.of(
                        "GenerateSecretString",
                        Match.objectLike(Map.of("PasswordLength", 64, "ExcludePunctuation", true)))));
    }

    @Test
    void shouldPlaceCacheInPrivateSubnetsWhenCreated() {
        template.hasResourceProperties(
                "AWS::ElastiCache::SubnetGroup",
                Match.objectLike(Map.of(
                        "SubnetIds",
                        stack.resolve(stack.network()
                                .vpc()
                                .selectSubnets(Network.privateSubnets())
                                .getSubnetIds()))));
    }

    @Test
    void shouldAdmitRedisOnlyFromFleetAndLambdaWhenWired() {
        Object cacheGroup = stack.resolve(
                stack.cache().getConnections().getSecurityGroups().get(0).getSecurityGroupId());
        List<Map<String, Object>> ingress =
                TemplateQueries.resources(template, "AWS::EC2::SecurityGroupIngress").values().stream()
                        .map(TemplateQueries::properties)
                        .filter(rule -> cacheGroup.equals(rule.get("GroupId")))
                        .toList();
        assertThat(ingress).allSatisfy(rule -> {
            assertThat(rule.get("FromPort")).isEqualTo(6379);
            assertThat(rule.get("ToPort")).isEqualTo(6379);
            assertThat(rule).doesNotContainKey("CidrIp");
        });
        assertThat(ingress)
                .extracting(rule -> rule.get("SourceSecurityGroupId"))
                .containsExactlyInAnyOrder(
                        stack.resolve(stack.fleet()
                                .getConnections()
                                .getSecurityGroups()
                                .get(0)
                                .getSecurityGroupId()),
                        stack.resolve(stack.coldRefresh().securityGroup().getSecurityGroupId()));
        Map<String, Object> cacheGroupResource = template.findResources("AWS::EC2::SecurityGroup", Match.anyValue())
                .get(((List<?>) ((Map<?, ?>) cacheGroup).get("Fn::GetAtt"))
                        .get(0)
                        .toString());
        assertThat(TemplateQueries.properties(cacheGroupResource)).doesNotContainKey("SecurityGroupIngress");
    }

    @Test
    void shouldScopeEndpointDiscoveryToTheReplicationGroupWhenGranted() {
        List<Map<String, Object>> discovery = TemplateQueries.statements(template).stream()
                .filter(statement ->
                        TemplateQueries.actions(statement).contains("elasticache:DescribeReplicationGroups"))
                .toList();
        assertThat(discovery).hasSize(2).allSatisfy(statement -> {
            assertThat(statement.get("Resource")).isNotEqualTo("*");
            assertThat(TemplateQueries.text(statement.get("Resource")))
                    .contains(":elasticache:")
                    .contains(":replicationgroup:");
        });
    }

    @Test
    void shouldRejectSingleNodeWhenPropsAreBuilt() {
        assertThatThrownBy(() -> new PriceCache.Props(stack.network().vpc(), "cache.t4g.small", 1, "7.1"))
                .hasMessageContaining("2..6 nodes");
    }
}
