package io.pricewire.cdk.constructs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * Creates the DynamoDB table of latest prices: partition key {@code symbol} (S) and no sort key,
 * so BatchGetItem works with plain keys; on-demand capacity, point-in-time recovery, retained
 * when the stack is deleted ({@link Tables}). The stack grants the fleet and the Lambda exactly
 * the calls they make ({@link #grantPriceAccess}).
 */
public final class PricesTable extends Construct {

    public static final String PARTITION_KEY = "symbol";
    /**
     * Every DynamoDB call the service and the cold-refresh Lambda make on the table
     * ({@code DynamoPriceStore}: conditional put, get, batch get). Creating the table is only done
     * locally ({@code create-table}), so DescribeTable and CreateTable stay out.
     */
    public static final List<String> PRICE_ACTIONS =
            List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem");
    /** The service's start-up warm-up reads every stored price with a parallel Scan; the Lambda never scans. */
    public static final String WARM_UP_ACTION = "dynamodb:Scan";

    /** @param tableName physical table name ({@code prices} by default, context {@code tableName}) */
    public record Props(String tableName) {
        public Props {
            Objects.requireNonNull(tableName, "tableName");
        }
    }

    private final Table table;

    public PricesTable(Construct scope, String id, Props props) {
        super(scope, id);
        this.table = Tables.durableOnDemand(this, props.tableName())
                .partitionKey(Attribute.builder()
                        .name(PARTITION_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .build();
    }

    /** Lets {@code grantee} read and write prices, with exactly {@link #PRICE_ACTIONS} on this table. */
    public void grantPriceAccess(IGrantable grantee) {
        table.grant(grantee, PRICE_ACTIONS.toArray(String[]::new));
    }

    /** {@link #grantPriceAccess} plus the Scan of the service's warm-up. */
    public void grantServiceAccess(IGrantable grantee) {
        List<String> actions = new ArrayList<>(PRICE_ACTIONS);
        actions.add(WARM_UP_ACTION);
        table.grant(grantee, actions.toArray(String[]::new));
    }

    public ITable table() {
        return table;
    }
}
