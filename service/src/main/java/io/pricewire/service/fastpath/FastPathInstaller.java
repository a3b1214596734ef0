package io.pricewire.service.fastpath;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.HttpCompressionStrategy;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
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
        event.getBean().register(new Customizer(null, null));
        return event.getBean();
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;
        private final ChannelRole role;

        Customizer(Channel channel, ChannelRole role) {
            this.channel = channel;
            this.role = role;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(channel, role);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (role != ChannelRole.CONNECTION) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            // plain HTTP/1 only: HTTP/2 streams and upgrades keep Micronaut's pipeline as it is
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && pipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
                    && pipeline.get(FastPathHandler.NAME) == null) {
                pipeline.addBefore(
                        ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND,
                        FastPathHandler.NAME,
                        new FastPathHandler(answers.get(), compression.get()));
            }
        }
    }
}
