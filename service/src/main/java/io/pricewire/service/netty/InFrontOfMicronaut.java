package io.pricewire.service.netty;

import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import java.util.function.Supplier;

/**
 * Puts a Netty handler in front of Micronaut's request handler on every plain HTTP/1 connection, for the paths that
 * answer without Micronaut (the fast path, the push streams). HTTP/2 streams and upgrades keep Micronaut's pipeline as
 * it is. Handlers registered later sit closer to Micronaut's.
 */
public final class InFrontOfMicronaut implements NettyServerCustomizer {
    private final String name;
    private final Supplier<ChannelHandler> handler;
    private final Channel channel;
    private final ChannelRole role;

    private InFrontOfMicronaut(String name, Supplier<ChannelHandler> handler, Channel channel, ChannelRole role) {
        this.name = name;
        this.handler = handler;
        this.channel = channel;
        this.role = role;
    }

    /**
     * Registers {@code handler}, made anew for each connection, under {@code name}.
     *
     * @param handler called on each connection's first pipeline: beans it needs may be resolved there, lazily
     */
    public static void register(
            NettyServerCustomizer.Registry registry, String name, Supplier<ChannelHandler> handler) {
        registry.register(new InFrontOfMicronaut(name, handler, null, null));
    }

    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
        return new InFrontOfMicronaut(name, handler, channel, role);
    }

    @Override
    public void onStreamPipelineBuilt() {
        if (role != ChannelRole.CONNECTION) {
            return;
        }
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                && pipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
                && pipeline.get(name) == null) {
            pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, name, handler.get());
        }
    }
}
