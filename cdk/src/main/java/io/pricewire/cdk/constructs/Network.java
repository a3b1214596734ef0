package io.pricewire.cdk.constructs;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * Creates the VPC everything runs in: {@code maxAzs} availability zones, each with a public
 * subnet (load balancer, NAT gateway, monitoring host) and a private subnet with egress through
 * NAT (service instances, Redis, Lambda); gateway endpoints for DynamoDB and S3 so table
 * traffic and asset downloads do not pass (and are not billed by) the NAT gateway; and a flow log
 * of all traffic to CloudWatch Logs.
 */
public final class Network extends Construct {

    /**
     * @param maxAzs      availability zones to spread over (2 gives Multi-AZ Redis and ALB)
     * @param natGateways NAT gateways; 1 saves ~33 USD a month per gateway against losing
     *                    private egress (exchange calls) for the time its zone is down
     */
    public record Props(int maxAzs, int natGateways) {
        public Props {
            if (maxAzs < 2) {
                throw new IllegalArgumentException(
                        "maxAzs must be >= 2 (ALB and Multi-AZ Redis need two zones), got " + maxAzs);
            }
            if (natGateways < 1 || natGateways > maxAzs) {
                throw new IllegalArgumentException("natGateways must be 1.." + maxAzs + ", got " + natGateways);
            }
        }
    }

    private final Vpc vpc;

    public Network(Construct scope, String id, Props props) {
        super(scope, id);
        Naming.tagComponent(this, "network");

        LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs")
                .retention(RetentionDays.ONE_MONTH)
                // flow logs are diagnostics, not records: they go with the stack
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        SubnetSelection privateSubnets = SubnetSelection.builder()
                .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                .build();
        this.vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(props.maxAzs())
                .natGateways(props.natGateways())
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder()
                                .name("public")
                                .subnetType(SubnetType.PUBLIC)
                                .cidrMask(24)
                                .build(),
                        SubnetConfiguration.builder()
                                .name("private")
                                .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                .cidrMask(22)
                                .build()))
                .gatewayEndpoints(Map.of(
                        "DynamoDb",
                                GatewayVpcEndpointOptions.builder()
                                        .service(GatewayVpcEndpointAwsService.DYNAMODB)
                                        .subnets(List.of(privateSubnets))
                                        .build(),
                        // free, and keeps the jar download at instance start off the NAT
                        "S3",
                                GatewayVpcEndpointOptions.builder()
                                        .service(GatewayVpcEndpointAwsService.S3)
                                        .subnets(List.of(privateSubnets))
                                        .build()))
                .flowLogs(Map.of(
                        "All",
                        FlowLogOptions.builder()
                                .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                                .trafficType(FlowLogTrafficType.ALL)
                                .build()))
                .build();
    }

    public IVpc vpc() {
        return vpc;
    }

    /** The private subnets with NAT egress: service instances, Redis and the Lambda. */
    public static SubnetSelection privateSubnets() {
        return SubnetSelection.builder()
                .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                .build();
    }

    /** The public subnets: the load balancer and the monitoring host. */
    public static SubnetSelection publicSubnets() {
        return SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build();
    }
}
