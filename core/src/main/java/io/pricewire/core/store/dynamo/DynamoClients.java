package io.pricewire.core.store.dynamo;

import io.pricewire.core.aws.AwsClients;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the DynamoDB client for every runtime ({@link AwsClients}): the real service, or a local
 * DynamoDB-API server (dynalite) when an endpoint is given.
 */
public final class DynamoClients {
    /** The SDK's default for its standard strategy; the call timeout bounds the retries anyway. */
    static final int MAX_ATTEMPTS = 3;

    private DynamoClients() {}

    /**
     * @param timeout connect and read timeout of one attempt; one call, retries included, takes at most three times it
     */
    public static DynamoDbClient create(String region, URI endpointOverride, Duration timeout) {
        Duration call = timeout.multipliedBy(3);
        // an attempt may use the whole call: the read timeout, not an attempt timeout, cuts a stalled one short
        return AwsClients.build(
                DynamoDbClient.builder(),
                region,
                endpointOverride,
                new AwsClients.CallLimits(timeout, call, call, MAX_ATTEMPTS));
    }
}
