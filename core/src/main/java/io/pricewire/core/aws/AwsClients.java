package io.pricewire.core.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds every AWS SDK client Pricewire makes (DynamoDB, ElastiCache, Secrets Manager) one way: the
 * small url-connection HTTP client, the SDK's standard retry strategy (exponential back-off with
 * jitter, a longer base delay for throttling, a retry quota) with the caller's attempt count, and
 * either the real service with the default credential chain or, given an endpoint, a local
 * server or test stub with dummy credentials (dynalite checks that a signature is present, not
 * what it is).
 */
public final class AwsClients {

    /**
     * How long a client's calls may take.
     *
     * @param ioTimeout      connect and socket-read timeout of one HTTP attempt
     * @param attemptTimeout the longest one attempt may take
     * @param callTimeout    the whole call, retries and their back-off included
     * @param maxAttempts    attempts of the standard retry strategy, the first included (the SDK's default is 3)
     */
    public record CallLimits(Duration ioTimeout, Duration attemptTimeout, Duration callTimeout, int maxAttempts) {
        public CallLimits {
            Objects.requireNonNull(ioTimeout, "ioTimeout");
            Objects.requireNonNull(attemptTimeout, "attemptTimeout");
            Objects.requireNonNull(callTimeout, "callTimeout");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
            }
        }
    }

    private AwsClients() {}

    /**
     * The client {@code builder} builds in {@code region}, calling {@code endpointOverride} (with dummy
     * credentials) instead of AWS when it is not {@code null}.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, String region, URI endpointOverride, CallLimits limits) {
        builder.region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(limits.ioTimeout())
                        .socketTimeout(limits.ioTimeout()))
                .overrideConfiguration(o -> o.apiCallTimeout(limits.callTimeout())
                        .apiCallAttemptTimeout(limits.attemptTimeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(limits.maxAttempts())
                                .build()));
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride)
                    .credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }
}
