package io.pricewire.cdk.constructs;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * What the stack's DynamoDB tables ({@link PricesTable}, {@link HistoryTable}) have in common, so
 * the choices and their reasons are written once: on-demand capacity, point-in-time recovery,
 * retained when the stack is deleted, DynamoDB's default encryption at rest. Keys and TTL are each
 * table's own.
 */
final class Tables {

    private Tables() {}

    /**
     * A builder for the table {@code tableName} as child {@code Table} of {@code scope}, tagged as
     * the {@code table} component; the caller adds its keys and builds it.
     */
    static Table.Builder durableOnDemand(Construct scope, String tableName) {
        Naming.tagComponent(scope, "table");
        return Table.Builder.create(scope, "Table")
                .tableName(tableName)
                // traffic follows the market (bursts on volatility): on-demand has no capacity to tune
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                // no encryption setting: DynamoDB encrypts at rest with an AWS-owned key; the items are public
                // market prices, and a customer-managed key would add a key policy and a per-request KMS cost
                // for no protection gained
                //
                // CDK's default for a table is RETAIN already; said explicitly because the tables are what
                // `cdk destroy` must leave behind: their data (and its PITR) outlive the stack, and a redeploy
                // can import or reuse them.
                .removalPolicy(RemovalPolicy.RETAIN);
    }
}
