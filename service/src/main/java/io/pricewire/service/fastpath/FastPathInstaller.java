package io.pricewire.service.fastpath;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.HttpCompressionStrategy;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.pricewire.service.netty.InFrontOfMicronaut;
import jakarta.inject.Singleton;

/**
 * Puts a {@link FastPathHandler} in front of Micronaut's request handler on every HTTP/1
 * connection. {@code pricewire.fast-path.enabled=false} leaves Micronaut to answer everything.
 */
@Singleton
@Requires(property = FastPriceAnswers.ENABLED, notEquals = "false")
final class FastPathInstaller implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private final BeanProvider<FastPriceAnswers> answers;
    private final BeanProvider<HttpCompressionStrategy> compression;

    FastPathInstaller(BeanProvider<FastPriceAnswers> answers, BeanProvider<HttpCompressionStrategy> compression) {
        this.answers = answers; // resolved on the first connection: the price beans need not exist before the server
        this.compression = compression;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        InFrontOfMicronaut.register(
                event.getBean(), FastPathHandler.NAME, () -> new FastPathHandler(answers.get(), compression.get()));
        return event.getBean();
    }
}
