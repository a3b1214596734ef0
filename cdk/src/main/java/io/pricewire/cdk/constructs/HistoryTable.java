package io.pricewire.cdk.constructs;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * Creates the DynamoDB table of price history ({@code docs/architecture.md} §3): one item per
 * candle, partition key {@code series} (S, {@code <SYMBOL>#<resolution code>}, e.g. {@code BTC#1m})
 * and sort key {@code start} (N, the bucket start in epoch milliseconds), so one Query reads a
 * series' candles between two times in order; DynamoDB deletes an item once its {@code expiresAt}
 * (epoch seconds) has passed, which the writer sets for the 1m (48 h) and 1h (1 year) buckets and
 * leaves out for the daily ones, kept forever. On-demand, point-in-time recovery and retained on
 * delete like {@link PricesTable} ({@link Tables}); the stack grants the fleet and the Lambda
 * exactly {@link #HISTORY_ACTIONS}.
 */
public final class HistoryTable extends Construct {

    public static final String PARTITION_KEY = "series";
    public static final String SORT_KEY = "start";
    public static final String TTL_ATTRIBUTE = "expiresAt";
    /**
     * Every DynamoDB call the history writer and reader make, in the service and the cold-refresh
     * Lambda alike: a candle is put on a condition (PutItem, merged on a version when it exists),
     * read by key when the condition failed (GetItem) and by range (Query). No Scan and no DeleteItem: expiry is DynamoDB's
     * TTL, not a call of ours; creating the table or its TTL is done only locally.
     */
    public static final List<String> HISTORY_ACTIONS =
            List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query");

    /** @param tableName physical table name ({@code price_history} by default, context {@code historyTableName}) */
    public record Props(String tableName) {
        public Props {
            Objects.requireNonNull(tableName, "tableName");
        }
    }

    private final Table table;

    public HistoryTable(Construct scope, String id, Props props) {
        super(scope, id);
        this.table = Tables.durableOnDemand(this, props.tableName())
                .partitionKey(Attribute.builder()
                        .name(PARTITION_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .sortKey(Attribute.builder()
                        .name(SORT_KEY)
                        .type(AttributeType.NUMBER)
                        .build())
                // expiry costs no write capacity and needs no sweeper; an item without the attribute never expires
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .build();
    }

    /** Lets {@code grantee} write and read candles, with exactly {@link #HISTORY_ACTIONS} on this table. */
    public void grantHistoryAccess(IGrantable grantee) {
        table.grant(grantee, HISTORY_ACTIONS.toArray(String[]::new));
    }

    public ITable table() {
        return table;
    }
}
