package io.pricewire.cdk.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnMapping;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.regioninfo.RegionInfo;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * Creates the bucket the load balancer writes its access logs to (SSE-S3, the only encryption ELB
 * log delivery supports; public access blocked; TLS enforced; objects expire after
 * {@value #RETENTION_DAYS} days; retained on stack deletion) and turns the logs on.
 *
 * <p>Who may write depends on the region: regions opened before August 2022 deliver from a
 * regional Elastic Load Balancing account, later ones through the
 * {@code logdelivery.elasticloadbalancing.amazonaws.com} service principal. CDK's own
 * {@code logAccessLogs} picks one at synth time and so needs a concrete region; this stack is
 * environment-agnostic, so the policy names both and takes the regional account from a mapping
 * (built from CDK's region table) at deploy time. Where a region has no such account, the second
 * principal falls back to this account itself, which grants nothing new.
 */
public final class LoadBalancerAccessLogs extends Construct {

    public static final int RETENTION_DAYS = 90;
    public static final String PREFIX = "alb";
    static final String LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";
    private static final String NO_ACCOUNT = "none";

    private final Bucket bucket;

    public LoadBalancerAccessLogs(Construct scope, String id, ApplicationLoadBalancer loadBalancer) {
        super(scope, id);
        Objects.requireNonNull(loadBalancer, "loadBalancer");

        this.bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-access-logs")
                        .expiration(Duration.days(RETENTION_DAYS))
                        .build()))
                // access logs are evidence after an incident: they outlive the stack and expire on their own
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        CfnMapping elbAccounts = new CfnMapping(this, "ElbLogAccounts");
        for (RegionInfo region : RegionInfo.getRegions()) {
            String account = region.getElbv2Account();
            elbAccounts.setValue(region.getName(), "account", account == null ? NO_ACCOUNT : account);
        }
        String regionalAccount = elbAccounts.findInMap(Aws.REGION, "account");
        CfnCondition hasRegionalAccount = CfnCondition.Builder.create(this, "HasElbLogAccount")
                .expression(Fn.conditionNot(Fn.conditionEquals(regionalAccount, NO_ACCOUNT)))
                .build();
        String writer = Fn.conditionIf(hasRegionalAccount.getLogicalId(), regionalAccount, Aws.ACCOUNT_ID)
                .toString();

        String logObjects = bucket.arnForObjects(PREFIX + "/AWSLogs/" + Aws.ACCOUNT_ID + "/*");
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("ElbRegionalAccountWritesAccessLogs")
                .principals(List.of(new AccountPrincipal(writer)))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(logObjects))
                .build());
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("ElbLogDeliveryWritesAccessLogs")
                .principals(List.of(new ServicePrincipal(LOG_DELIVERY_SERVICE)))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(logObjects))
                .build());

        loadBalancer.setAttribute("access_logs.s3.enabled", "true");
        loadBalancer.setAttribute("access_logs.s3.bucket", bucket.getBucketName());
        loadBalancer.setAttribute("access_logs.s3.prefix", PREFIX);
        // ELB test-writes to the bucket when the attribute is set: the policy must exist first
        ((CfnResource) loadBalancer.getNode().getDefaultChild()).addDependency((CfnResource)
                Objects.requireNonNull(bucket.getPolicy()).getNode().getDefaultChild());

        NagSuppressions.addResourceSuppressions(
                bucket,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-S1")
                        .reason(
                                "This bucket holds access logs itself; logging its own reads would need another log bucket "
                                        + "without changing what is recorded about the API.")
                        .build()));
    }

    public IBucket bucket() {
        return bucket;
    }
}
