package io.pricewire.service.wiring;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Makes a Redis outage cheap for readers: while disconnected, commands fail at once instead of
 * queueing until Redis returns, and every command (async ones too) times out after 500 ms, so the
 * read path falls through to DynamoDB within a request's budget. Lettuce keeps reconnecting in the
 * background and the service recovers by itself when Redis is back.
 */
@Singleton
final class RedisClientOptions implements BeanCreatedEventListener<RedisClient> {
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

    @Override
    public RedisClient onCreated(BeanCreatedEvent<RedisClient> event) {
        RedisClient client = event.getBean();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        return client;
    }
}
