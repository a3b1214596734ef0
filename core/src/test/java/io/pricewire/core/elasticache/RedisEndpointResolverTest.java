package io.pricewire.core.elasticache;

import static io.pricewire.core.elasticache.AwsResponses.GROUP_ID;
import static io.pricewire.core.elasticache.AwsResponses.PRIMARY_HOST;
import static io.pricewire.core.elasticache.AwsResponses.READER_HOST;
import static io.pricewire.core.elasticache.AwsResponses.SECRET_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against stub ElastiCache and Secrets Manager endpoints speaking the real wire formats. */
class RedisEndpointResolverTest {
    private static final String TOKEN = "Zx8fQ2pLr7TmW4nB";

    private final StubAwsEndpoint elastiCache = StubAwsEndpoint.start();
    private final StubAwsEndpoint secretsManager = StubAwsEndpoint.start();

    @AfterEach
    void stopStubs() {
        elastiCache.close();
        secretsManager.close();
    }

    @Test
    void shouldDescribeTheConfiguredGroupWithTheQueryApiWhenResolving() {
        resolveDeployedGroup(TOKEN);

        assertThat(elastiCache.requests()).hasSize(1);
        StubAwsEndpoint.Request request = elastiCache.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.header("Authorization"))
                .startsWith("AWS4-HMAC-SHA256")
                .contains("/eu-west-1/elasticache/");
        assertThat(request.form())
                .containsEntry("Action", "DescribeReplicationGroups")
                .containsEntry("Version", "2015-02-02")
                .containsEntry("ReplicationGroupId", GROUP_ID);
    }

    @Test
    void shouldReadTheTokenWithGetSecretValueWhenASecretIsConfigured() {
        resolveDeployedGroup(TOKEN);

        assertThat(secretsManager.requests()).hasSize(1);
        StubAwsEndpoint.Request request = secretsManager.requests().get(0);
        assertThat(request.header("X-Amz-Target")).isEqualTo("secretsmanager.GetSecretValue");
        assertThat(request.header("Content-Type")).startsWith("application/x-amz-json-1.1");
        assertThat(request.body()).contains("\"SecretId\":\"" + SECRET_ARN + "\"");
    }

    @Test
    void shouldBuildATlsUriWithTheTokenForThePrimaryWhenTheGroupEncryptsInTransit() {
        RedisEndpoints endpoints = resolveDeployedGroup(TOKEN);

        assertThat(endpoints.primary()).isEqualTo(URI.create("rediss://:" + TOKEN + "@" + PRIMARY_HOST + ":6379"));
        assertThat(endpoints.primaryRedisUri().isSsl()).isTrue();
        assertThat(password(endpoints)).isEqualTo(TOKEN);
    }

    @Test
    void shouldPercentEncodeTheTokenWhenItHoldsReservedCharacters() {
        String token = "a/b+c:d@e%f g";
        RedisEndpoints endpoints = resolveDeployedGroup(token);

        assertThat(endpoints.primary().getRawUserInfo()).isEqualTo(":a%2Fb%2Bc%3Ad%40e%25f%20g");
        assertThat(endpoints.primary().getHost()).isEqualTo(PRIMARY_HOST);
        assertThat(password(endpoints)).isEqualTo(token);
    }

    @Test
    void shouldUsePlainRedisWithoutTokenWhenTheGroupHasNeitherTlsNorAuth() {
        elastiCache.replyXml(
                200,
                AwsResponses.replicationGroup(
                        "available", false, false, AwsResponses.nodeGroup(PRIMARY_HOST, 6380, READER_HOST, 6381)));

        RedisEndpoints endpoints = resolve(null);

        assertThat(endpoints.primary()).isEqualTo(URI.create("redis://" + PRIMARY_HOST + ":6380"));
        assertThat(secretsManager.requests()).isEmpty();
    }

    @Test
    void shouldResolveThePrimaryWhenTheGroupHasNoReaderEndpoint() {
        elastiCache.replyXml(
                200,
                AwsResponses.replicationGroup(
                        "available", true, false, AwsResponses.nodeGroup(PRIMARY_HOST, 6379, null, 0)));

        RedisEndpoints endpoints = resolve(null);

        assertThat(endpoints.primary().getHost()).isEqualTo(PRIMARY_HOST);
    }

    @Test
    void shouldResolveWhenTheGroupIsModifyingDuringAFailover() {
        elastiCache.replyXml(
                200,
                AwsResponses.replicationGroup(
                        "modifying", true, true, AwsResponses.nodeGroup(PRIMARY_HOST, 6379, READER_HOST, 6379)));
        secretsManager.replyJson(200, AwsResponses.secret(TOKEN));

        assertThat(resolve(SECRET_ARN).primary().getHost()).isEqualTo(PRIMARY_HOST);
    }

    @Test
    void shouldReturnTheFallbackUriWithoutAnyCallWhenOneIsConfigured() {
        elastiCache.replyXml(200, AwsResponses.deployedGroup());
        secretsManager.replyJson(200, AwsResponses.secret(TOKEN));
        var settings = new RedisDiscoverySettings(
                "redis://127.0.0.1:6390", GROUP_ID, SECRET_ARN, "eu-west-1", elastiCache.uri(), secretsManager.uri());

        RedisEndpoints endpoints;
        try (var resolver = RedisEndpointResolver.create(settings)) {
            endpoints = resolver.resolve();
        }

        assertThat(endpoints.primary()).isEqualTo(URI.create("redis://127.0.0.1:6390"));
        assertThat(elastiCache.requests()).isEmpty();
        assertThat(secretsManager.requests()).isEmpty();
    }

    @Test
    void shouldNameTheGroupAndItsStatusWhenTheGroupIsStillCreating() {
        elastiCache.replyXml(200, AwsResponses.replicationGroup("creating", true, true, ""));
        secretsManager.replyJson(200, AwsResponses.secret(TOKEN));

        assertThatThrownBy(() -> resolve(SECRET_ARN))
                .isInstanceOf(RedisDiscoveryException.class)
                .hasMessage("ElastiCache replication group 'pricewire-cache' is 'creating', not available: "
                        + "its Redis endpoints are not usable now.");
        assertThat(secretsManager.requests()).isEmpty();
    }

    @Test
    void shouldNameTheGroupWhenItHasNoNodeGroups() {
        elastiCache.replyXml(200, AwsResponses.replicationGroup("available", true, true, ""));

        assertThatThrownBy(() -> resolve(SECRET_ARN))
                .isInstanceOf(RedisDiscoveryException.class)
                .hasMessage(
                        "ElastiCache replication group 'pricewire-cache' has no node groups, so no Redis endpoint.");
    }

    @Test
    void shouldNameTheGroupWhenItsNodeGroupHasNoPrimaryEndpoint() {
        elastiCache.replyXml(
                200,
                AwsResponses.replicationGroup(
                        "available", true, true, AwsResponses.nodeGroup(null, 0, READER_HOST, 6379)));

        assertThatThrownBy(() -> resolve(SECRET_ARN))
                .isInstanceOf(RedisDiscoveryException.class)
                .hasMessageStartingWith("ElastiCache replication group 'pricewire-cache' has no primary endpoint");
    }

    @Test
    void shouldSayTheGroupDoesNotExistWhenElastiCacheAnswersReplicationGroupNotFound() {
        elastiCache.replyXml(
                404,
                AwsResponses.error("ReplicationGroupNotFoundFault", "ReplicationGroup pricewire-cache not found."));

        assertThatThrownBy(() -> resolve(SECRET_ARN))
                .isInstanceOf(RedisDiscoveryException.class)
                .hasMessage("ElastiCache replication group 'pricewire-cache' does not exist in region eu-west-1 "
                        + "(ReplicationGroupNotFoundFault: ReplicationGroup pricewire-cache not found.).");
        assertThat(elastiCache.requests()).as("a missing group is not retried").hasSize(1);
    }

    @Test
    void shouldNameTheGroupAndTheErrorWhenElastiCacheDeniesAccess() {
        elastiCache.replyXml(
                403,
                AwsResponses.error(
                        "AccessDenied", "User is not authorized to perform: elasticache:DescribeReplicationGroups"));

        assertThatThrownBy(() -> resolve(SECRET_ARN))
                .isInstanceOf(RedisDiscoveryException.class)
                .hasMessage("ElastiCache refused to describe replication group 'pricewire-cache': "
                        + "AccessDenied: User is not authorized to perform: elasticache:DescribeReplicationGroups");
    }

    @Test
    void shouldRetryWithBackOffWhenElastiCacheThrottles() {
        elastiCache
                .replyXml(400, AwsResponses.error("Throttling", "Rate exceeded"))
                .replyXml(200, AwsResponses.deployedGroup());
        secretsManager.replyJson(200, AwsResponses.secret(TOKEN));

        RedisEndpoints endpoints = resolve(SECRET_ARN);

        assertThat(endpoints.primary().getHost()).isEqualTo(PRIMARY_HOST);
        assertThat(elastiCache.requests()).hasSize(2);
    }

    @Test
    void shouldGiveUpAfterAFewAttemptsWhenElastiCacheKeepsThrottling() {
        elastiCache.replyXml(400, AwsResponses.error("Throttling", "Rate exceeded"));

        assertThatThrownBy(() -> resolve(null))
                .isInstanceOf(RedisDiscoveryException.class)
                .hasMessageContaining("'pricewire-cache'")
                .hasMessageContaining("Throttling: Rate exceeded");
        assertThat(elastiCache.requests()).hasSize(DiscoveryClients.LIMITS.maxAttempts());
    }

    @Test
    void shouldNameTheSecretWhenSecretsManagerCannotFindIt() {
        elastiCache.replyXml(200, AwsResponses.deployedGroup());
        secretsManager.replyJson(
                400,
                "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}");

        assertThatThrownBy(() -> resolve(SECRET_ARN))
                .isInstanceOf(RedisDiscoveryException.class)
                .hasMessage(
                        "The Redis AUTH token secret " + SECRET_ARN
                                + " does not exist (ResourceNotFoundException: Secrets Manager can't find the specified secret.).");
    }

    @Test
    void shouldRefuseWhenTheGroupRequiresAuthButNoSecretIsConfigured() {
        elastiCache.replyXml(200, AwsResponses.deployedGroup());

        assertThatThrownBy(() -> resolve(null))
                .isInstanceOf(RedisDiscoveryException.class)
                .hasMessageContaining("'pricewire-cache' requires an AUTH token")
                .hasMessageContaining("PRICEWIRE_REDIS_AUTH_SECRET_ARN");
    }

    @Test
    void shouldNeverPrintTheTokenWhenLoggingTheEndpoints() {
        elastiCache.replyXml(200, AwsResponses.deployedGroup());
        secretsManager.replyJson(200, AwsResponses.secret(TOKEN));

        assertThat(resolve(SECRET_ARN).toString())
                .doesNotContain(TOKEN)
                .contains("rediss://***@" + PRIMARY_HOST + ":6379");
    }

    /** Resolves the deployed group (TLS, auth) whose secret holds {@code token}. */
    private RedisEndpoints resolveDeployedGroup(String token) {
        elastiCache.replyXml(200, AwsResponses.deployedGroup());
        secretsManager.replyJson(200, AwsResponses.secret(token));
        return resolve(SECRET_ARN);
    }

    private static String password(RedisEndpoints endpoints) {
        return new String(endpoints
                .primaryRedisUri()
                .getCredentialsProvider()
                .resolveCredentials()
                .block()
                .getPassword());
    }

    private RedisEndpoints resolve(String secretArn) {
        var settings = new RedisDiscoverySettings(
                null, GROUP_ID, secretArn, "eu-west-1", elastiCache.uri(), secretsManager.uri());
        try (var resolver = RedisEndpointResolver.create(settings)) {
            return resolver.resolve();
        }
    }
}
