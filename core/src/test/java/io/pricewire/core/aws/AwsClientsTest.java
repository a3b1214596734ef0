package io.pricewire.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

class AwsClientsTest {
    private static final AwsClients.CallLimits LIMITS =
            new AwsClients.CallLimits(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(9), 5);

    @Test
    void shouldBoundEveryCallAndRetryWithTheStandardStrategyWhenBuilt() {
        try (ElastiCacheClient client = AwsClients.build(ElastiCacheClient.builder(), "eu-west-1", null, LIMITS)) {
            ClientOverrideConfiguration config =
                    client.serviceClientConfiguration().overrideConfiguration();

            assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(config.apiCallTimeout()).contains(Duration.ofSeconds(9));
            assertThat(config.apiCallAttemptTimeout()).contains(Duration.ofSeconds(3));
            assertThat(config.retryStrategy())
                    .hasValueSatisfying(
                            strategy -> assertThat(strategy.maxAttempts()).isEqualTo(5));
            assertThat(client.serviceClientConfiguration().endpointOverride()).isEmpty();
        }
    }

    @Test
    void shouldCallTheGivenEndpointWithDummyCredentialsWhenOneIsGiven() {
        URI stub = URI.create("http://127.0.0.1:4567");
        try (ElastiCacheClient client = AwsClients.build(ElastiCacheClient.builder(), "us-east-1", stub, LIMITS)) {
            AwsCredentials credentials = (AwsCredentials) client.serviceClientConfiguration()
                    .credentialsProvider()
                    .resolveIdentity()
                    .join();

            assertThat(client.serviceClientConfiguration().endpointOverride()).contains(stub);
            assertThat(credentials.accessKeyId()).isEqualTo("local");
        }
    }

    @Test
    void shouldRefuseLimitsWhenTheyAllowNoAttempt() {
        assertThatThrownBy(() -> new AwsClients.CallLimits(
                        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts");
    }
}
