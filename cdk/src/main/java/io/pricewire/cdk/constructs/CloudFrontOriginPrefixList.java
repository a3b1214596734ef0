package io.pricewire.cdk.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Looks up, at deploy time, the id of the AWS-managed prefix list of CloudFront's origin-facing
 * addresses ({@value #PREFIX_LIST_NAME}) in the stack's region, with an {@code AwsCustomResource}
 * that calls {@code ec2:DescribeManagedPrefixLists}. The id differs per region, and a synth-time
 * lookup ({@code PrefixList.fromLookup}) would need a concrete account and region, which this
 * environment-agnostic stack does not have; the custom resource keeps synth offline and the
 * template the same for every region.
 */
public final class CloudFrontOriginPrefixList extends Construct {

    public static final String PREFIX_LIST_NAME = "com.amazonaws.global.cloudfront.origin-facing";
    static final String ID_PATH = "PrefixLists.0.PrefixListId";
    /** Construct id of the function CDK shares between every AwsCustomResource of a stack. */
    private static final String PROVIDER_ID = "AWS679f53fac002430cb0da5b7982bd2287";

    private final String prefixListId;

    public CloudFrontOriginPrefixList(Construct scope, String id) {
        super(scope, id);
        AwsSdkCall describe = AwsSdkCall.builder()
                .service("EC2")
                .action("describeManagedPrefixLists")
                .parameters(Map.of(
                        "Filters", List.of(Map.of("Name", "prefix-list-name", "Values", List.of(PREFIX_LIST_NAME)))))
                .physicalResourceId(PhysicalResourceId.fromResponse(ID_PATH))
                // only the id comes back: the whole response could pass the 4 KB custom-resource limit
                .outputPaths(List.of(ID_PATH))
                .build();
        AwsCustomResource lookup = AwsCustomResource.Builder.create(this, "Lookup")
                .onCreate(describe)
                // asked again on every update that changes the call, so a re-created list is picked up
                .onUpdate(describe)
                .policy(AwsCustomResourcePolicy.fromStatements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("ec2:DescribeManagedPrefixLists"))
                        .resources(List.of("*"))
                        .build())))
                // the SDK bundled with the Lambda runtime has this call: no download at deploy time
                .installLatestAwsSdk(false)
                .build();
        this.prefixListId = lookup.getResponseField(ID_PATH);

        // the custom resource's provider function is a stack-level singleton, outside this construct
        IConstruct provider = Stack.of(this).getNode().findChild(PROVIDER_ID);
        NagSuppressions.addResourceSuppressions(
                provider,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM4")
                        .reason(
                                "AWSLambdaBasicExecutionRole only lets CDK's custom-resource function write its own logs; "
                                        + "the lookup's permissions are in the separate, single-action policy.")
                        .appliesTo(
                                List.of(
                                        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"))
                        .build()),
                true);
        NagSuppressions.addResourceSuppressions(
                lookup,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason(
                                "ec2:DescribeManagedPrefixLists supports no resource-level permissions, so its resource must be *; "
                                        + "it only reads public AWS-managed prefix lists.")
                        .appliesTo(List.of("Resource::*"))
                        .build()),
                true);
    }

    /** The prefix list id (a deploy-time token). */
    public String prefixListId() {
        return prefixListId;
    }
}
