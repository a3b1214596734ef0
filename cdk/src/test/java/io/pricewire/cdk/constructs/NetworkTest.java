package io.pricewire.cdk.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricewire.cdk.SynthesizedApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class NetworkTest {

    private final Template template = SynthesizedApp.get().defaultsTemplate;

    @Test
    void shouldSpreadPublicAndPrivateSubnetsOverTwoZonesWhenBuilt() {
        template.resourcePropertiesCountIs(
                "AWS::EC2::Subnet", Match.objectLike(Map.of("MapPublicIpOnLaunch", true)), 2);
        template.resourcePropertiesCountIs(
                "AWS::EC2::Subnet", Match.objectLike(Map.of("MapPublicIpOnLaunch", false)), 2);
        template.resourceCountIs("AWS::EC2::NatGateway", 1);
    }

    @Test
    void shouldRouteDynamoDbThroughGatewayEndpointWhenPrivateSubnetsReachTheTable() {
        template.hasResourceProperties(
                "AWS::EC2::VPCEndpoint",
                Match.objectLike(Map.of(
                        "VpcEndpointType",
                        "Gateway",
                        "ServiceName",
                        Match.objectLike(
                                Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of(".dynamodb")))))))));
    }

    @Test
    void shouldLogVpcTrafficWhenBuilt() {
        template.hasResourceProperties(
                "AWS::EC2::FlowLog",
                Match.objectLike(Map.of("TrafficType", "ALL", "LogDestinationType", "cloud-watch-logs")));
    }

    @Test
    void shouldRejectSingleZoneWhenPropsAreBuilt() {
        assertThatThrownBy(() -> new Network.Props(1, 1)).hasMessageContaining("maxAzs");
        assertThat(new Network.Props(2, 1).natGateways()).isEqualTo(1);
    }
}
