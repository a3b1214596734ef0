package io.pricewire.cdk.constructs;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * Creates the DynamoDB table of latest prices: partition key {@code symbol} (S) and no sort key,
 * so BatchGetItem works with plain keys; on-demand capacity; point-in-time recovery; retained
 * when the stack is deleted. Who may read and write it is granted by the stack with
 * {@code table().grantReadWriteData(...)}.
 */
public final class PricesTable extends Construct {

    public static final String PARTITION_KEY = "symbol";

    /** @param tableName physical table name ({@code prices} by default, context {@code tableName}) */
    public record Props(String tableName) {
        public Props {
            Objects.requireNonNull(tableName, "tableName");
        }
    }

    private final Table table;

    public PricesTable(Construct scope, String id, Props props) {
        super(scope, id);
        Naming.tagComponent(this, "table");
        this.table = Table.Builder.create(this, "Table")
                .tableName(props.tableName())
                .partitionKey(Attribute.builder().name(PARTITION_KEY).type(AttributeType.STRING).build())
                // traffic follows the market (bursts on volatility): on-demand has no capacity to tune
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                // CDK's default for a table is RETAIN already; said explicitly because it is the one
                // resource `cdk destroy` must leave behind: the prices (and their history in PITR)
                // outlive the stack, and a redeploy can import or reuse them.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    public ITable table() {
        return table;
    }
}
