package io.pricewire.service.push;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.pricewire.service.api.Symbols;
import io.pricewire.service.netty.InFrontOfMicronaut;
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
        // plain HTTP/1 only, as the fast path: HTTP/2 streams keep Micronaut's pipeline (the controller says why)
        InFrontOfMicronaut.register(
                event.getBean(),
                PushHandler.NAME,
                () -> new PushHandler(hub.get(), symbols.get(), tiers.get(), limiter.get(), clients.get()));
        return event.getBean();
    }
}
