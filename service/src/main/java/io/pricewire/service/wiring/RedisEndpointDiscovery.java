package io.pricewire.service.wiring;

import io.micronaut.configuration.lettuce.DefaultRedisConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.pricewire.core.elasticache.RedisEndpointResolver;
import jakarta.inject.Singleton;

/**
 * Points micronaut-redis at the resolved endpoint before it builds its RedisClient: the fixed
 * REDIS_URI when set, else the ElastiCache replication group's primary (TLS, AUTH token from
 * Secrets Manager). ElastiCache keeps the primary's DNS name across failovers, so resolving once
 * at start is enough; Lettuce reconnects to the new primary behind it.
 */
@Singleton
final class RedisEndpointDiscovery implements BeanCreatedEventListener<DefaultRedisConfiguration> {
    private final BeanProvider<RedisEndpointResolver> resolver;

    RedisEndpointDiscovery(BeanProvider<RedisEndpointResolver> resolver) {
        this.resolver = resolver;
    }

    @Override
    public DefaultRedisConfiguration onCreated(BeanCreatedEvent<DefaultRedisConfiguration> event) {
        DefaultRedisConfiguration config = event.getBean();
        config.setUri(resolver.get().resolve().primary());
        return config;
    }
}
