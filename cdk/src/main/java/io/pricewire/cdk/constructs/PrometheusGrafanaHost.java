package io.pricewire.cdk.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Instance;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.MachineImage;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.UserData;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * Creates the Prometheus + Grafana host: one Amazon Linux 2023 instance in a public subnet
 * (IMDSv2 only, encrypted gp3 volume, SSM instead of SSH) whose user data installs Prometheus and
 * Grafana OSS and configures them from the repository's {@code monitoring/} folder, shipped as an
 * S3 asset: {@code prometheus/} (scrape config, whose EC2 service discovery finds the service
 * instances by tag, and rules) to {@code /etc/prometheus}, {@code grafana/provisioning} to
 * {@code /etc/grafana/provisioning} and {@code grafana/dashboards} to the path its dashboard
 * provider names; the scrape config is adapted to AWS (the stack's region, the service's
 * management port {@value ServiceFleet#MANAGEMENT_PORT}, no local job). Grafana's admin password
 * is generated in Secrets Manager.
 * Its security group lets ports 9090 and 3000 in from the admin CIDR only (none without one: use
 * an SSM port-forwarding session) and lets out HTTPS and, once the stack allows the scrape, the
 * management port of the service instances.
 * A change to {@code monitoring/} replaces the instance (its metrics history goes with it).
 */
public final class PrometheusGrafanaHost extends Construct {

    public static final int PROMETHEUS_PORT = 9090;
    public static final int GRAFANA_PORT = 3000;
    /** Prometheus LTS release installed from its official release archive. */
    public static final String PROMETHEUS_VERSION = "3.5.0";

    /**
     * @param vpc           the network's VPC (public subnets)
     * @param monitoringDir the repository's {@code monitoring/} folder
     * @param adminCidr     the only addresses allowed to Prometheus and Grafana; empty for none
     * @param instanceType  instance size
     */
    public record Props(IVpc vpc, Path monitoringDir, Optional<String> adminCidr, InstanceType instanceType) {
        public Props {
            Objects.requireNonNull(vpc, "vpc");
            Objects.requireNonNull(monitoringDir, "monitoringDir");
            Objects.requireNonNull(adminCidr, "adminCidr");
            Objects.requireNonNull(instanceType, "instanceType");
        }
    }

    private final Instance instance;
    private final SecurityGroup securityGroup;
    private final Secret grafanaAdminPassword;

    public PrometheusGrafanaHost(Construct scope, String id, Props props) {
        super(scope, id);
        Naming.tagComponent(this, "monitoring");

        this.securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description("Pricewire Prometheus/Grafana: 9090 and 3000 from the admin CIDR only")
                // out: HTTPS (EC2 and SSM APIs, S3, the Prometheus and Grafana downloads) here, and the
                // service port of the fleet, which the stack adds when it lets this host scrape
                .allowAllOutbound(false)
                .build();
        securityGroup.addEgressRule(
                Peer.anyIpv4(), Port.tcp(443), "HTTPS: AWS APIs, S3, Prometheus and Grafana downloads");
        props.adminCidr().ifPresent(cidr -> {
            securityGroup.addIngressRule(Peer.ipv4(cidr), Port.tcp(PROMETHEUS_PORT), "Prometheus from the admin CIDR");
            securityGroup.addIngressRule(Peer.ipv4(cidr), Port.tcp(GRAFANA_PORT), "Grafana from the admin CIDR");
        });

        this.grafanaAdminPassword = Secret.Builder.create(this, "GrafanaAdminPassword")
                .description("Password of Grafana's admin user on the Pricewire monitoring host")
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(32)
                        .excludePunctuation(true)
                        .build())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        Role role = InstanceBootstrap.sessionManagedRole(this, "Pricewire Prometheus/Grafana host");
        // ec2_sd_configs lists the instances; DescribeInstances has no resource-level permissions
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ec2:DescribeInstances", "ec2:DescribeAvailabilityZones"))
                .resources(List.of("*"))
                .build());
        grafanaAdminPassword.grantRead(role);

        Asset config = InstanceBootstrap.readableAsset(this, "MonitoringConfig", props.monitoringDir(), role);

        this.instance = Instance.Builder.create(this, "Instance")
                .vpc(props.vpc())
                // public subnet: reachable from the admin CIDR through its public address
                .vpcSubnets(Network.publicSubnets())
                .instanceType(props.instanceType())
                .machineImage(MachineImage.latestAmazonLinux2023())
                .securityGroup(securityGroup)
                .role(role)
                .userData(userData(config, grafanaAdminPassword))
                // new configuration, new host: user data only runs at first boot
                .userDataCausesReplacement(true)
                .requireImdsv2(true)
                .detailedMonitoring(true)
                .blockDevices(List.of(BlockDevice.builder()
                        .deviceName("/dev/xvda")
                        .volume(BlockDeviceVolume.ebs(
                                30,
                                EbsDeviceOptions.builder()
                                        .volumeType(EbsDeviceVolumeType.GP3)
                                        .encrypted(true)
                                        .build()))
                        .build()))
                .build();

        NagSuppressions.addResourceSuppressions(
                instance,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-EC29")
                        .reason(
                                "The host is disposable (its configuration lives in the repository and it is replaced on "
                                        + "every change); termination protection would make cdk destroy fail.")
                        .build()));
        NagSuppressions.addResourceSuppressions(
                role,
                List.of(
                        InstanceBootstrap.sessionManagerPolicySuppression(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-IAM5")
                                .reason(
                                        "ec2:DescribeInstances and ec2:DescribeAvailabilityZones (Prometheus EC2 service "
                                                + "discovery) support no resource-level permissions, so their resource must be *.")
                                .appliesTo(List.of("Resource::*"))
                                .build()),
                true);
        NagSuppressions.addResourceSuppressions(
                grafanaAdminPassword,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-SMG4")
                        .reason("Grafana reads its admin password only when it creates its database on first start, so "
                                + "rotating the secret would not change it; change it in Grafana, or replace the host.")
                        .build()));
    }

    /**
     * The checked-in scrape config is written for both places (see monitoring/README.md): on AWS the
     * EC2 discovery must name the stack's region and scrape the management port (argument 2) of
     * the instances, in the discovery's {@code port} and in any relabelling that writes
     * {@code __address__} as {@code <ip>:<port>}; and the {@code pricewire-local} job, whose target
     * never answers here, must go or it fires PricewireInstanceDown forever. PyYAML comes with
     * cloud-init on Amazon Linux. Arguments: path, region, port.
     */
    static final String ADAPT_PROMETHEUS_CONFIG = """
            import re, sys, yaml
            path, region, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
            with open(path) as f:
                config = yaml.safe_load(f)
            config["scrape_configs"] = [job for job in config.get("scrape_configs") or []
                                        if job.get("job_name") != "pricewire-local"]
            for job in config["scrape_configs"]:
                discoveries = job.get("ec2_sd_configs") or []
                for sd in discoveries:
                    sd["region"] = region
                    sd["port"] = port
                for rule in job.get("relabel_configs") or [] if discoveries else []:
                    if rule.get("target_label") == "__address__" and "replacement" in rule:
                        rule["replacement"] = re.sub(r":[0-9]+$", ":%d" % port, str(rule["replacement"]))
            with open(path, "w") as f:
                yaml.safe_dump(config, f, sort_keys=False)
            """;

    /** Copies the dashboards to where each provider in grafana/provisioning/dashboards reads them ({@code options.path}). */
    static final String INSTALL_GRAFANA_DASHBOARDS = """
            import glob, os, shutil, yaml
            source = "/opt/pricewire-monitoring/grafana/dashboards"
            for provisioning in glob.glob("/etc/grafana/provisioning/dashboards/*.y*ml"):
                with open(provisioning) as f:
                    providers = (yaml.safe_load(f) or {}).get("providers") or []
                for provider in providers:
                    target = (provider.get("options") or {}).get("path")
                    if target and os.path.isdir(source):
                        shutil.copytree(source, target, dirs_exist_ok=True)
            """;

    private static UserData userData(Asset config, ISecret grafanaAdminPassword) {
        String region = Stack.of(config).getRegion();
        UserData userData = UserData.forLinux();
        // no `set -x`: the Grafana password passes through a variable below
        userData.addCommands("set -euo pipefail", "dnf install -y unzip tar");
        String archive = InstanceBootstrap.download(userData, config, "/tmp/pricewire-monitoring.zip");
        userData.addCommands(
                "rm -rf /opt/pricewire-monitoring && mkdir -p /opt/pricewire-monitoring",
                "unzip -q -o " + archive + " -d /opt/pricewire-monitoring",

                // Prometheus from its release archive (Amazon Linux has no package for it)
                "PROMETHEUS_VERSION=" + PROMETHEUS_VERSION,
                "curl -fsSL -o /tmp/prometheus.tar.gz https://github.com/prometheus/prometheus/releases/download/"
                        + "v$PROMETHEUS_VERSION/prometheus-$PROMETHEUS_VERSION.linux-amd64.tar.gz",
                "tar -xzf /tmp/prometheus.tar.gz -C /opt",
                "ln -sfn /opt/prometheus-$PROMETHEUS_VERSION.linux-amd64 /opt/prometheus",
                "id prometheus >/dev/null 2>&1 || useradd --system --no-create-home --shell /sbin/nologin prometheus",
                "mkdir -p /etc/prometheus /var/lib/prometheus",
                "cp -r /opt/pricewire-monitoring/prometheus/. /etc/prometheus/",
                "python3 -c 'import yaml' 2>/dev/null || dnf install -y python3-pyyaml",
                "python3 - /etc/prometheus/prometheus.yml " + region + " " + ServiceFleet.MANAGEMENT_PORT + " <<'PY'\n"
                        + ADAPT_PROMETHEUS_CONFIG + "PY",
                "chown -R prometheus:prometheus /etc/prometheus /var/lib/prometheus",
                "cat > /etc/systemd/system/prometheus.service <<'UNIT'\n" + """
                        [Unit]
                        Description=Prometheus
                        Wants=network-online.target
                        After=network-online.target

                        [Service]
                        User=prometheus
                        ExecStart=/opt/prometheus/prometheus --config.file=/etc/prometheus/prometheus.yml \
                        --storage.tsdb.path=/var/lib/prometheus --storage.tsdb.retention.time=15d \
                        --web.listen-address=:9090
                        ExecReload=/bin/kill -HUP $MAINPID
                        Restart=always

                        [Install]
                        WantedBy=multi-user.target
                        UNIT""",

                // Grafana OSS from Grafana's RPM repository
                "cat > /etc/yum.repos.d/grafana.repo <<'REPO'\n" + """
                        [grafana]
                        name=grafana
                        baseurl=https://rpm.grafana.com
                        repo_gpgcheck=1
                        enabled=1
                        gpgcheck=1
                        gpgkey=https://rpm.grafana.com/gpg.key
                        sslverify=1
                        sslcacert=/etc/pki/tls/certs/ca-bundle.crt
                        REPO""",
                "dnf install -y grafana",
                "if [ -d /opt/pricewire-monitoring/grafana/provisioning ]; then "
                        + "cp -r /opt/pricewire-monitoring/grafana/provisioning/. /etc/grafana/provisioning/; fi",
                "python3 <<'PY'\n" + INSTALL_GRAFANA_DASHBOARDS + "PY",
                "chown -R root:grafana /etc/grafana/provisioning && chown -R grafana:grafana /var/lib/grafana",
                "GRAFANA_PASSWORD=$(aws secretsmanager get-secret-value --region " + region + " --secret-id "
                        + grafanaAdminPassword.getSecretArn() + " --query SecretString --output text)",
                "echo \"GF_SECURITY_ADMIN_PASSWORD=$GRAFANA_PASSWORD\" >> /etc/sysconfig/grafana-server",
                "unset GRAFANA_PASSWORD",
                "systemctl daemon-reload",
                "systemctl enable --now prometheus grafana-server");
        return userData;
    }

    public Instance instance() {
        return instance;
    }

    public SecurityGroup securityGroup() {
        return securityGroup;
    }

    public ISecret grafanaAdminPassword() {
        return grafanaAdminPassword;
    }

    /** {@code http://<public DNS name>:3000}: reachable from the admin CIDR only. */
    public String grafanaUrl() {
        return "http://" + instance.getInstancePublicDnsName() + ":" + GRAFANA_PORT;
    }
}
