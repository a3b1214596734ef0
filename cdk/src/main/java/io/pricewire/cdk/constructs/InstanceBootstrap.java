package io.pricewire.cdk.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.services.ec2.S3DownloadOptions;
import software.amazon.awscdk.services.ec2.UserData;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * How Pricewire's EC2 hosts (the service fleet, the Prometheus/Grafana host) get their role and their files: shell
 * access only through Session Manager, and each host reads exactly its own asset from the bootstrap bucket.
 */
final class InstanceBootstrap {

    private InstanceBootstrap() {}

    /** The role {@code InstanceRole} of an EC2 host, reachable through Session Manager: no SSH key, no port 22. */
    static Role sessionManagedRole(Construct scope, String description) {
        return Role.Builder.create(scope, "InstanceRole")
                .description(description)
                .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("AmazonSSMManagedInstanceCore")))
                .build();
    }

    /** Why a {@link #sessionManagedRole} may use an AWS-managed policy (cdk-nag AwsSolutions-IAM4). */
    static NagPackSuppression sessionManagerPolicySuppression() {
        return NagPackSuppression.builder()
                .id("AwsSolutions-IAM4")
                .reason(
                        "AmazonSSMManagedInstanceCore is the AWS-maintained policy for Session Manager, which replaces SSH.")
                .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore"))
                .build();
    }

    /**
     * The file or folder at {@code path} as an asset that {@code role} may read: exactly this object, where
     * {@code asset.grantRead} would also allow listing and reading the whole bootstrap bucket.
     */
    static Asset readableAsset(Construct scope, String id, Path path, Role role) {
        Asset asset = Asset.Builder.create(scope, id).path(path.toString()).build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject"))
                .resources(List.of(asset.getBucket().arnForObjects(asset.getS3ObjectKey())))
                .build());
        return asset;
    }

    /** Adds the download of {@code asset} to {@code localFile} at boot; returns the local file's path. */
    static String download(UserData userData, Asset asset, String localFile) {
        return userData.addS3DownloadCommand(S3DownloadOptions.builder()
                .bucket(asset.getBucket())
                .bucketKey(asset.getS3ObjectKey())
                .localFile(localFile)
                .build());
    }
}
