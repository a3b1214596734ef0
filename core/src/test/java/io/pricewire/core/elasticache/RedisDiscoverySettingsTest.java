package io.pricewire.core.elasticache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisDiscoverySettingsTest {
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:PriceCacheAuthToken-AbCdEf";

    @Test
    void shouldReadTheDeploymentVariablesWhenBuiltFromTheEnvironment() {
        var settings = RedisDiscoverySettings.fromEnvironment(Map.of(
                "PRICEWIRE_REDIS_REPLICATION_GROUP_ID",
                "pricewire-cache",
                "PRICEWIRE_REDIS_AUTH_SECRET_ARN",
                ARN,
                "AWS_REGION",
                "eu-west-1",
                "PATH",
                "/usr/bin"));

        assertThat(settings)
                .isEqualTo(new RedisDiscoverySettings(null, "pricewire-cache", ARN, "eu-west-1", null, null));
        assertThat(settings.discovers()).isTrue();
    }

    @Test
    void shouldUseTheFallbackUriWhenRedisUriIsSet() {
        var settings = RedisDiscoverySettings.fromEnvironment(Map.of(
                "REDIS_URI", " redis://127.0.0.1:6379 ", "PRICEWIRE_REDIS_REPLICATION_GROUP_ID", "pricewire-cache"));

        assertThat(settings.fallbackUri()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(settings.discovers()).isFalse();
    }

    @Test
    void shouldTreatBlankVariablesAsUnsetWhenBuiltFromTheEnvironment() {
        var settings = RedisDiscoverySettings.fromEnvironment(Map.of(
                "REDIS_URI",
                "redis://cache:6379",
                "PRICEWIRE_REDIS_REPLICATION_GROUP_ID",
                " ",
                "PRICEWIRE_REDIS_AUTH_SECRET_ARN",
                "",
                "AWS_REGION",
                ""));

        assertThat(settings).isEqualTo(RedisDiscoverySettings.fixed("redis://cache:6379"));
    }

    @Test
    void shouldNameBothVariablesWhenNeitherAFallbackUriNorAGroupIsSet() {
        assertThatThrownBy(() -> RedisDiscoverySettings.fromEnvironment(Map.of("AWS_REGION", "eu-west-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Redis is not configured: set REDIS_URI (a redis:// or rediss:// URI) or "
                                + "PRICEWIRE_REDIS_REPLICATION_GROUP_ID (the ElastiCache replication group to discover the endpoints of).");
    }

    @Test
    void shouldRequireARegionWhenDiscovering() {
        assertThatThrownBy(() -> RedisDiscoverySettings.fromEnvironment(
                        Map.of("PRICEWIRE_REDIS_REPLICATION_GROUP_ID", "pricewire-cache")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_REGION")
                .hasMessageContaining("'pricewire-cache'");
    }

    @Test
    void shouldRejectTheFallbackUriWithoutEchoingItWhenItIsNotARedisUri() {
        assertThatThrownBy(() -> RedisDiscoverySettings.fixed("http://:s3cr3t-token@cache:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REDIS_URI")
                .hasMessageNotContaining("s3cr3t-token");
        assertThatThrownBy(() -> RedisDiscoverySettings.fixed("rediss://:s3cr3t token@cache:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REDIS_URI")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void shouldRejectAnEndpointOverrideWhenItIsNotAnAbsoluteHttpUrl() {
        assertThatThrownBy(() ->
                        new RedisDiscoverySettings(null, "g", null, "eu-west-1", URI.create("localhost:4566"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("elastiCacheEndpointOverride");
    }

    @Test
    void shouldNotPrintTheFallbackTokenWhenPrinted() {
        assertThat(RedisDiscoverySettings.fixed("rediss://:s3cr3t-token@cache:6380")
                        .toString())
                .doesNotContain("s3cr3t-token")
                .contains("rediss://***@cache:6380");
    }
}
