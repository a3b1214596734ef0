package io.pricewire.cdk;

import io.pricewire.cdk.constructs.CloudWatchMonitoring;
import io.pricewire.cdk.constructs.ColdRefresh;
import io.pricewire.cdk.constructs.DataEndpoints;
import io.pricewire.cdk.constructs.Edge;
import io.pricewire.cdk.constructs.HistoryTable;
import io.pricewire.cdk.constructs.Naming;
import io.pricewire.cdk.constructs.Network;
import io.pricewire.cdk.constructs.PriceCache;
import io.pricewire.cdk.constructs.PricesTable;
import io.pricewire.cdk.constructs.PrometheusGrafanaHost;
import io.pricewire.cdk.constructs.ServiceFleet;
import io.pricewire.core.asset.TierSettings;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Port;
import software.constructs.Construct;

/**
 * The whole Pricewire deployment: builds each part from its construct and wires who may talk to
 * whom. Clients reach the API through CloudFront only; only the fleet and the Lambda may use the
 * tables (with exactly the calls they make) and Redis; only the load balancer may reach the public
 * service port and only Prometheus the management port.
 */
public final class PricewireStack extends Stack {

    /** x86 for the simplest Corretto install; 2 vCPUs / 4 GiB per instance. */
    static final InstanceType SERVICE_INSTANCE = InstanceType.of(InstanceClass.T3, InstanceSize.MEDIUM);

    static final InstanceType MONITORING_INSTANCE = InstanceType.of(InstanceClass.T3, InstanceSize.SMALL);
    static final String CACHE_NODE_TYPE = "cache.t4g.small";
    static final String REDIS_VERSION = "7.1";

    private final Network network;
    private final ServiceFleet fleet;
    private final ColdRefresh coldRefresh;
    private final PriceCache cache;
    private final PricesTable table;
    private final HistoryTable historyTable;
    private final PrometheusGrafanaHost monitoringHost;
    private final CloudWatchMonitoring monitoring;
    private final Edge edge;

    public PricewireStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        Naming.tagProject(this);

        this.network = new Network(this, "Network", new Network.Props(2, 1));
        this.table = new PricesTable(this, "Prices", new PricesTable.Props(settings.tableName()));
        this.historyTable = new HistoryTable(this, "History", new HistoryTable.Props(settings.historyTableName()));
        this.cache =
                new PriceCache(this, "Cache", new PriceCache.Props(network.vpc(), CACHE_NODE_TYPE, 2, REDIS_VERSION));
        DataEndpoints data = new DataEndpoints(
                table.table().getTableName(),
                historyTable.table().getTableName(),
                cache.replicationGroupId(),
                cache.authToken().getSecretArn());
        // one value for both runtimes: a tier split the service and the Lambda disagreed on would leave ranks to nobody
        TierSettings tiers = TierSettings.DEFAULT;

        this.fleet = new ServiceFleet(
                this,
                "Service",
                new ServiceFleet.Props(
                        network.vpc(),
                        settings.serviceJar(),
                        data,
                        tiers,
                        SERVICE_INSTANCE,
                        new ServiceFleet.Capacity(
                                settings.minCapacity(), settings.desiredCapacity(), settings.maxCapacity()),
                        settings.requestsPerTarget(),
                        settings.certificateArn()));
        this.coldRefresh = new ColdRefresh(
                this, "ColdRefresh", new ColdRefresh.Props(network.vpc(), settings.lambdaJar(), data, tiers));

        this.edge = new Edge(
                this,
                "Edge",
                new Edge.Props(
                        fleet.loadBalancer(),
                        fleet.listener().getPort().intValue(),
                        fleet.originVerifySecret(),
                        settings.originDomainName()));

        // the fleet and the Lambda are the only clients of the data tier
        table.grantServiceAccess(fleet);
        table.grantPriceAccess(coldRefresh.function());
        // both write the history of the aggregates they publish (the fleet hot and medium, the Lambda cold)
        historyTable.grantHistoryAccess(fleet);
        historyTable.grantHistoryAccess(coldRefresh.function());
        cache.grantClient(fleet, fleet, "the service fleet");
        cache.grantClient(coldRefresh.function(), coldRefresh.function(), "the cold-refresh Lambda");

        this.monitoringHost = new PrometheusGrafanaHost(
                this,
                "MonitoringHost",
                new PrometheusGrafanaHost.Props(
                        network.vpc(), settings.monitoringDir(), settings.adminCidr(), MONITORING_INSTANCE));
        fleet.getConnections()
                .allowFrom(
                        monitoringHost.instance(),
                        Port.tcp(ServiceFleet.MANAGEMENT_PORT),
                        "Prometheus scrapes /prometheus on the management port");

        this.monitoring = new CloudWatchMonitoring(
                this,
                "Monitoring",
                new CloudWatchMonitoring.Props(
                        fleet.loadBalancer(),
                        fleet.targetGroup(),
                        table.table(),
                        historyTable.table(),
                        cache.memberClusterIds(),
                        coldRefresh.function(),
                        settings.alarmEmail()));

        CfnOutput.Builder.create(this, "ApiUrl")
                .description("Public API base URL (CloudFront, HTTPS)")
                .value(edge.url())
                .build();
        CfnOutput.Builder.create(this, "GrafanaUrl")
                .description("Grafana (reachable from adminCidr only; user admin, password in GrafanaAdminSecretArn)")
                .value(monitoringHost.grafanaUrl())
                .build();
        CfnOutput.Builder.create(this, "DashboardUrl")
                .description("CloudWatch dashboard")
                .value(monitoring.dashboardUrl())
                .build();
        CfnOutput.Builder.create(this, "GrafanaAdminSecretArn")
                .description("Secret holding Grafana's admin password")
                .value(monitoringHost.grafanaAdminPassword().getSecretArn())
                .build();
        CfnOutput.Builder.create(this, "MonitoringInstanceId")
                .description("For SSM port forwarding to Grafana/Prometheus")
                .value(monitoringHost.instance().getInstanceId())
                .build();
    }

    public Network network() {
        return network;
    }

    public ServiceFleet fleet() {
        return fleet;
    }

    public ColdRefresh coldRefresh() {
        return coldRefresh;
    }

    public PriceCache cache() {
        return cache;
    }

    public PricesTable table() {
        return table;
    }

    public HistoryTable historyTable() {
        return historyTable;
    }

    public PrometheusGrafanaHost monitoringHost() {
        return monitoringHost;
    }

    public CloudWatchMonitoring monitoring() {
        return monitoring;
    }

    public Edge edge() {
        return edge;
    }
}
