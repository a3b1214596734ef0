package io.pricewire.core.elasticache;

import static io.pricewire.core.elasticache.AwsResponses.GROUP_ID;
import static io.pricewire.core.elasticache.AwsResponses.SECRET_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.pricewire.testkit.RedisServer;
import io.pricewire.testkit.SharedServers;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lettuce connects to a real redis-server through URIs the resolver built from stubbed ElastiCache answers. */
class ResolvedEndpointConnectionTest {
    private final StubAwsEndpoint elastiCache = StubAwsEndpoint.start();
    private final StubAwsEndpoint secretsManager = StubAwsEndpoint.start();
    private final RedisClient client = RedisClient.create();

    @AfterEach
    void stop() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        elastiCache.close();
        secretsManager.close();
    }

    @Test
    void shouldAnswerPingThroughTheResolvedPrimaryWhenTheGroupUsesNoTls() {
        URI redis = URI.create(SharedServers.redisUri());
        elastiCache.replyXml(
                200,
                AwsResponses.replicationGroup(
                        "available",
                        false,
                        false,
                        AwsResponses.nodeGroup(redis.getHost(), redis.getPort(), redis.getHost(), redis.getPort())));

        RedisEndpoints endpoints = resolve(null);

        assertThat(endpoints.primary().getScheme()).isEqualTo("redis");
        assertThat(ping(endpoints.primaryRedisUri())).isEqualTo("PONG");
    }

    @Test
    void shouldAuthenticateWithTheSecretTokenWhenTheServerRequiresAuth() {
        String token = "p@ss/w:rd+%token";
        try (RedisServer server = RedisServer.startOnFreePort()) {
            try (StatefulRedisConnection<String, String> admin =
                    client.connect(RedisURI.create("127.0.0.1", server.port()))) {
                admin.sync().configSet("requirepass", token);
            }
            elastiCache.replyXml(
                    200,
                    AwsResponses.replicationGroup(
                            "available",
                            false,
                            true,
                            AwsResponses.nodeGroup("127.0.0.1", server.port(), "127.0.0.1", server.port())));
            secretsManager.replyJson(200, AwsResponses.secret(token));

            RedisEndpoints endpoints = resolve(SECRET_ARN);

            assertThat(ping(endpoints.primaryRedisUri())).isEqualTo("PONG");
        }
    }

    private RedisEndpoints resolve(String secretArn) {
        var settings = new RedisDiscoverySettings(
                null, GROUP_ID, secretArn, "eu-west-1", elastiCache.uri(), secretsManager.uri());
        try (var resolver = RedisEndpointResolver.create(settings)) {
            return resolver.resolve();
        }
    }

    private String ping(RedisURI uri) {
        uri.setTimeout(Duration.ofSeconds(5));
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
            return connection.sync().ping();
        }
    }
}
