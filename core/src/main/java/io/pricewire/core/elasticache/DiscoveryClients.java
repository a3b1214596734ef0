package io.pricewire.core.elasticache;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the ElastiCache and Secrets Manager clients that endpoint discovery uses: the real
 * services with the default credential chain, or a stub endpoint (tests) with dummy credentials.
 * Both use the small url-connection HTTP client, as the DynamoDB client does.
 */
public final class DiscoveryClients {
    /** Connect and read timeout of one HTTP attempt. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    /** The whole call, retries and their back-off included: throttling back-off starts at about a second. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    /**
     * The SDK's standard strategy (exponential back-off with jitter, a longer base delay for
     * throttling errors, a retry quota) with one more attempt than its default: discovery runs at
     * start-up and on reconnects, where waiting a few seconds beats failing.
     */
    static final int MAX_ATTEMPTS = 4;

    private DiscoveryClients() {
    }

    public static ElastiCacheClient elastiCache(String region, URI endpointOverride) {
        return configure(ElastiCacheClient.builder(), region, endpointOverride);
    }

    public static SecretsManagerClient secretsManager(String region, URI endpointOverride) {
        return configure(SecretsManagerClient.builder(), region, endpointOverride);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder, String region,
                                                                                                URI endpointOverride) {
        builder.region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(ATTEMPT_TIMEOUT).socketTimeout(ATTEMPT_TIMEOUT))
                .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT).apiCallAttemptTimeout(ATTEMPT_TIMEOUT.multipliedBy(2))
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build()));
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }
}
