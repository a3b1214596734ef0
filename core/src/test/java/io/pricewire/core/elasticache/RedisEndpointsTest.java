package io.pricewire.core.elasticache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedisEndpointsTest {

    @Test
    void shouldPutThePercentEncodedTokenInTheUserInfoWhenBuildingAnEndpointUri() {
        URI uri = RedisEndpoints.endpointUri(true, "master.example.cache.amazonaws.com", 6379, "tök/en");

        assertThat(uri.toString()).isEqualTo("rediss://:t%C3%B6k%2Fen@master.example.cache.amazonaws.com:6379");
        assertThat(uri.getUserInfo()).isEqualTo(":tök/en");
    }

    @Test
    void shouldLeaveOutTheUserInfoWhenThereIsNoToken() {
        assertThat(RedisEndpoints.endpointUri(false, "10.0.1.5", 6379, null))
                .isEqualTo(URI.create("redis://10.0.1.5:6379"));
    }

    @Test
    void shouldKeepTheDatabaseWhenBuiltFromASingleUri() {
        RedisEndpoints endpoints = RedisEndpoints.of("redis://127.0.0.1:6379/2");

        assertThat(endpoints.primaryRedisUri().getDatabase()).isEqualTo(2);
    }

    @Test
    void shouldRejectAUriWhenItIsNotRedis() {
        assertThatThrownBy(() -> new RedisEndpoints(URI.create("http://cache:6379")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("primary")
                .hasMessageContaining("redis://");
    }

    @Test
    void shouldRejectAPortWhenOutOfRange() {
        assertThatThrownBy(() -> RedisEndpoints.endpointUri(true, "cache", 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldMaskTheUserInfoWhenPrinted() {
        RedisEndpoints endpoints = RedisEndpoints.of("rediss://:s3cr3t@cache:6380");

        assertThat(endpoints.toString()).isEqualTo("RedisEndpoints[primary=rediss://***@cache:6380]");
    }
}
