package io.pricewire.core.store.dynamo;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the DynamoDB client for every runtime: the real service with the default credential
 * chain, or a local DynamoDB-API server (dynalite) when an endpoint is given, with dummy
 * credentials (dynalite checks that a signature is present, not what it is).
 */
public final class DynamoClients {
    private DynamoClients() {
    }

    public static DynamoDbClient create(String region, URI endpointOverride, Duration timeout) {
        var builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
                .overrideConfiguration(o -> o.apiCallTimeout(timeout.multipliedBy(3)).retryStrategy(RetryMode.STANDARD));
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }
}
