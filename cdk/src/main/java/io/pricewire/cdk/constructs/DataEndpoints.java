package io.pricewire.cdk.constructs;

import java.util.Map;
import java.util.Objects;

/**
 * Where the service and the cold-refresh Lambda find their data, as the environment variables
 * both read. Only identifiers travel: the Redis endpoints are discovered at run time from the
 * replication group id (so a failover or node replacement needs no redeploy), and the AUTH token
 * is read from Secrets Manager, never put in an environment variable.
 *
 * @param tableName          DynamoDB table of latest prices
 * @param historyTableName   DynamoDB table of price history (candles)
 * @param replicationGroupId ElastiCache replication group to discover the Redis endpoints of
 * @param authSecretArn      Secrets Manager secret whose SecretString is the Redis AUTH token
 */
public record DataEndpoints(
        String tableName, String historyTableName, String replicationGroupId, String authSecretArn) {

    public static final String TABLE_VARIABLE = "PRICEWIRE_TABLE";
    public static final String HISTORY_TABLE_VARIABLE = "PRICEWIRE_HISTORY_TABLE";
    public static final String REPLICATION_GROUP_VARIABLE = "PRICEWIRE_REDIS_REPLICATION_GROUP_ID";
    public static final String AUTH_SECRET_VARIABLE = "PRICEWIRE_REDIS_AUTH_SECRET_ARN";

    public DataEndpoints {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(historyTableName, "historyTableName");
        Objects.requireNonNull(replicationGroupId, "replicationGroupId");
        Objects.requireNonNull(authSecretArn, "authSecretArn");
    }

    /** The variables, in the names the service and the Lambda read. */
    public Map<String, String> environment() {
        return Map.of(
                TABLE_VARIABLE, tableName,
                HISTORY_TABLE_VARIABLE, historyTableName,
                REPLICATION_GROUP_VARIABLE, replicationGroupId,
                AUTH_SECRET_VARIABLE, authSecretArn);
    }
}
