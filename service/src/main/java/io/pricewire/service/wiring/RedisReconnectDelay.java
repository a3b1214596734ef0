package io.pricewire.service.wiring;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micronaut.configuration.lettuce.AbstractRedisConfiguration;
import io.micronaut.configuration.lettuce.ClientResourcesMutator;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce backs off up to 30 s between reconnect attempts by default: after a Redis outage the
 * service would serve without its cache for up to half a minute after Redis is back. Capped at 2 s.
 */
@Singleton
final class RedisReconnectDelay implements ClientResourcesMutator {
    @Override
    public void mutate(ClientResources.Builder builder, AbstractRedisConfiguration config) {
        builder.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
    }
}
