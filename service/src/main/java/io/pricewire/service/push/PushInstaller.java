package io.pricewire.service.push;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.pricewire.service.api.Symbols;
import io.pricewire.service.ratelimit.ClientIdentity;
import io.pricewire.service.ratelimit.ClientRateLimiter;
import io.pricewire.service.tiers.TierDirectory;
import jakarta.inject.Singleton;

/** Puts a {@link PushHandler} in front of Micronaut's request handler on every HTTP/1 connection. */
@Singleton
final class PushInstaller implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private final BeanProvider<PushHub> hub;
    private final BeanProvider<Symbols> symbols;
    private final BeanProvider<TierDirectory> tiers;
    private final BeanProvider<ClientRateLimiter> limiter;
    private final BeanProvider<ClientIdentity> clients;

    PushInstaller(
            BeanProvider<PushHub> hub,
            BeanProvider<Symbols> symbols,
            BeanProvider<TierDirectory> tiers,
            BeanProvider<ClientRateLimiter> limiter,
            BeanProvider<ClientIdentity> clients) {
        // resolved on the first connection: these beans need not exist before the server
        this.hub = hub;
        this.symbols = symbols;
        this.tiers = tiers;
        this.limiter = limiter;
        this.clients = clients;
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
            // plain HTTP/1 only, as the fast path: HTTP/2 streams keep Micronaut's pipeline (the controller says why)
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && pipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
                    && pipeline.get(PushHandler.NAME) == null) {
                pipeline.addBefore(
                        ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND,
                        PushHandler.NAME,
                        new PushHandler(hub.get(), symbols.get(), tiers.get(), limiter.get(), clients.get()));
            }
        }
    }
}
