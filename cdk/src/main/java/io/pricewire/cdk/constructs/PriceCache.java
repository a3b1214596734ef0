package io.pricewire.cdk.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.Connections;
import software.amazon.awscdk.services.ec2.ConnectionsProps;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.elasticache.CfnReplicationGroup;
import software.amazon.awscdk.services.elasticache.CfnSubnetGroup;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * Creates the Redis price cache: an ElastiCache replication group (cluster mode off) of
 * {@code nodes} nodes across the private subnets, Multi-AZ with automatic failover, encrypted in
 * transit (TLS required) and at rest, protected by an AUTH token that Secrets Manager generates
 * (the secret's SecretString is the bare token); its subnet group; and its own security group
 * with no rule until {@link #grantClient} lets a client in on port 6379.
 */
public final class PriceCache extends Construct implements IConnectable {

    public static final int PORT = 6379;

    /**
     * @param vpc           the network's VPC (private subnets are used)
     * @param nodeType      node size, e.g. {@code cache.t4g.small}
     * @param nodes         primary plus replicas; at least 2 for automatic failover
     * @param engineVersion Redis engine version
     */
    public record Props(IVpc vpc, String nodeType, int nodes, String engineVersion) {
        public Props {
            Objects.requireNonNull(vpc, "vpc");
            Objects.requireNonNull(nodeType, "nodeType");
            Objects.requireNonNull(engineVersion, "engineVersion");
            if (nodes < 2 || nodes > 6) {
                throw new IllegalArgumentException("Multi-AZ with automatic failover needs 2..6 nodes, got " + nodes);
            }
        }
    }

    private final CfnReplicationGroup replicationGroup;
    private final Secret authToken;
    private final Connections connections;
    private final int nodes;

    public PriceCache(Construct scope, String id, Props props) {
        super(scope, id);
        Naming.tagComponent(this, "cache");
        this.nodes = props.nodes();

        this.authToken = Secret.Builder.create(this, "AuthToken")
                .description("Redis AUTH token of the Pricewire price cache (SecretString is the bare token)")
                .generateSecretString(SecretStringGenerator.builder()
                        // Redis AUTH allows printable ASCII except a few symbols; letters and digits
                        // sidestep the exceptions, and 64 of them are plenty (the limit is 16..128)
                        .passwordLength(64)
                        .excludePunctuation(true)
                        .build())
                // the token is worthless without the cache, which the stack deletes too
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        SecurityGroup securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description("Pricewire Redis: port 6379 from the service fleet and the cold-refresh Lambda only")
                // Redis answers, it never opens connections
                .allowAllOutbound(false)
                .build();
        this.connections = new Connections(ConnectionsProps.builder()
                .securityGroups(List.of(securityGroup))
                .defaultPort(Port.tcp(PORT))
                .build());

        CfnSubnetGroup subnetGroup = CfnSubnetGroup.Builder.create(this, "SubnetGroup")
                .description("Pricewire Redis: private subnets")
                .subnetIds(props.vpc().selectSubnets(Network.privateSubnets()).getSubnetIds())
                .build();

        this.replicationGroup = CfnReplicationGroup.Builder.create(this, "ReplicationGroup")
                .replicationGroupDescription("Pricewire latest prices, price pub/sub and refresh leases")
                .engine("redis")
                .engineVersion(props.engineVersion())
                .cacheNodeType(props.nodeType())
                .numCacheClusters(props.nodes())
                .automaticFailoverEnabled(true)
                .multiAzEnabled(true)
                .transitEncryptionEnabled(true)
                .atRestEncryptionEnabled(true)
                // a dynamic reference: CloudFormation resolves it, the token never enters the template
                .authToken(authToken.getSecretValue().unsafeUnwrap())
                .port(PORT)
                .cacheSubnetGroupName(subnetGroup.getRef())
                .securityGroupIds(List.of(securityGroup.getSecurityGroupId()))
                // prices are rebuilt from DynamoDB after a loss, so no snapshots to pay for
                .snapshotRetentionLimit(0)
                .autoMinorVersionUpgrade(true)
                .build();

        NagSuppressions.addResourceSuppressions(
                authToken,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-SMG4")
                        .reason("Rotating a Redis AUTH token needs a coordinated ModifyReplicationGroup ROTATE/SET "
                                + "sequence and clients that re-read the secret; until that rotation Lambda exists the "
                                + "token is rotated by replacing the secret and redeploying.")
                        .build()));
        NagSuppressions.addResourceSuppressions(
                replicationGroup,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-AEC5")
                        .reason("The port is not a security boundary here: only the fleet's and the Lambda's security "
                                + "groups may reach it, TLS and AUTH are required; the default 6379 keeps local and AWS "
                                + "configuration alike.")
                        .build()));
    }

    /**
     * Lets a client use the cache: Redis port from the client's security group, read access to the
     * AUTH token, and {@code elasticache:DescribeReplicationGroups} on this group alone (endpoint
     * discovery).
     */
    public void grantClient(IConnectable client, IGrantable principal, String description) {
        connections.allowDefaultPortFrom(client, "Redis from " + description);
        authToken.grantRead(principal);
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(principal)
                .actions(List.of("elasticache:DescribeReplicationGroups"))
                .resourceArns(List.of(replicationGroupArn()))
                .build());
    }

    /** The ARN of the replication group, for policies scoped to it. */
    public String replicationGroupArn() {
        return Stack.of(this)
                .formatArn(ArnComponents.builder()
                        .service("elasticache")
                        .resource("replicationgroup")
                        .resourceName(replicationGroup.getRef())
                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                        .build());
    }

    /** The generated replication group id (what the clients discover endpoints from). */
    public String replicationGroupId() {
        return replicationGroup.getRef();
    }

    /**
     * The ids of the member clusters (one per node), the dimension ElastiCache publishes host
     * metrics under: ElastiCache names them {@code <replication group id>-001}, {@code -002}, ...
     */
    public List<String> memberClusterIds() {
        return IntStream.rangeClosed(1, nodes)
                .mapToObj(i -> replicationGroup.getRef() + "-%03d".formatted(i))
                .toList();
    }

    public ISecret authToken() {
        return authToken;
    }

    @Override
    public Connections getConnections() {
        return connections;
    }
}
