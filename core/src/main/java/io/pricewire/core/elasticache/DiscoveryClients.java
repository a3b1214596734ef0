package io.pricewire.core.elasticache;

import io.pricewire.core.aws.AwsClients;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the ElastiCache and Secrets Manager clients that endpoint discovery uses ({@link AwsClients}):
 * the real services, or a stub endpoint (tests).
 */
public final class DiscoveryClients {
    /**
     * One attempt's HTTP connect and read timeout is 2 s, the attempt itself 4 s; the whole call, retries and
     * their back-off included, 15 s: throttling back-off starts at about a second. One more attempt than the
     * SDK's default: discovery runs at start-up and on reconnects, where waiting a few seconds beats failing.
     */
    static final AwsClients.CallLimits LIMITS =
            new AwsClients.CallLimits(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(15), 4);

    private DiscoveryClients() {}

    public static ElastiCacheClient elastiCache(String region, URI endpointOverride) {
        return AwsClients.build(ElastiCacheClient.builder(), region, endpointOverride, LIMITS);
    }

    public static SecretsManagerClient secretsManager(String region, URI endpointOverride) {
        return AwsClients.build(SecretsManagerClient.builder(), region, endpointOverride, LIMITS);
    }
}
