package io.pricewire.service.refresh;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.cache.RedisKeys;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.http.ExchangeClient;
import io.pricewire.core.refresh.RefreshEngine;
import io.pricewire.core.refresh.RefreshResult;
import io.pricewire.core.refresh.Trigger;
import io.pricewire.service.config.TierProperties;
import io.pricewire.service.lease.RedisLease;
import io.pricewire.service.nearcache.NearCache;
import io.pricewire.service.tiers.TierDirectory;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot (every 5 s) and medium (every 30 s) tickers. A tick starts a cycle only when the
 * previous cycle of that tier has finished on this instance and this instance wins the tier's
 * Redis lease, so across any number of instances each cycle runs once. While the lease cannot be
 * reached every instance runs the cycle, each through exchange clients at its {@link FleetShare}
 * of every exchange's limit, so the fleet together stays within each exchange's per-IP limit.
 */
@Singleton
@Requires(property = "pricewire.tiers.tickers", value = "true", defaultValue = "true")
public class TierTickers implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(TierTickers.class);
    private static final List<Tier> TICKED = List.of(Tier.HOT, Tier.MEDIUM);

    private final RefreshEngine engine;
    private final TierDirectory tiers;
    private final TierProperties props;
    private final RedisLease lease;
    private final Map<ExchangeId, ExchangeClient> fleetShareClients;
    private final ExecutorService executor;
    private final NearCache nearCache;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("tier-ticker").daemon().factory());
    private final Map<Tier, AtomicBoolean> running = new EnumMap<>(Tier.class);
    private final AtomicBoolean leaseUnreachable = new AtomicBoolean();

    /** Which exchange clients a cycle uses, given what the lease said. */
    enum Route {
        OWN_CLIENTS,
        SKIP,
        FLEET_SHARE
    }

    TierTickers(
            RefreshEngine engine,
            TierDirectory tiers,
            TierProperties props,
            RedisLease lease,
            @Named(FleetShare.CLIENTS) Map<ExchangeId, ExchangeClient> fleetShareClients,
            @Named("refresh") ExecutorService executor,
            NearCache nearCache) {
        this.fleetShareClients = fleetShareClients;
        this.nearCache = nearCache;
        this.engine = engine;
        this.tiers = tiers;
        this.props = props;
        this.lease = lease;
        this.executor = executor;
        TICKED.forEach(t -> running.put(t, new AtomicBoolean()));
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        for (Tier tier : TICKED) {
            long period = props.interval(tier).toMillis();
            scheduler.scheduleAtFixedRate(() -> tick(tier), period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** One tick: start a cycle unless the last one still runs or another instance holds this cycle's lease. */
    void tick(Tier tier) {
        AtomicBoolean busy = running.get(tier);
        if (!busy.compareAndSet(false, true)) {
            LOG.debug("{} cycle still running; skipping this tick", tier.label());
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    Duration interval = props.interval(tier);
                    RedisLease.Answer answer = lease.take(
                            RedisKeys.refreshLease(tier),
                            interval.multipliedBy(9).dividedBy(10));
                    if ((answer == RedisLease.Answer.UNREACHABLE)
                            != leaseUnreachable.getAndSet(answer == RedisLease.Answer.UNREACHABLE)) {
                        if (answer == RedisLease.Answer.UNREACHABLE) {
                            LOG.warn(
                                    "refresh lease unreachable: running every {} cycle here at the fleet's share of each exchange's limit",
                                    tier.label());
                        } else {
                            LOG.info("refresh lease reachable again: one instance per cycle");
                        }
                    }
                    RefreshResult result = switch (route(answer)) {
                        case OWN_CLIENTS -> engine.refresh(tiers.members(tier), tier, Trigger.TICKER);
                        case FLEET_SHARE ->
                            engine.refreshVia(fleetShareClients, tiers.members(tier), tier, Trigger.TICKER);
                        case SKIP -> null;
                    };
                    if (result != null) {
                        // this instance sees its own results at once, even while the Redis feed is down
                        result.prices().values().forEach(nearCache::offer);
                    }
                } catch (RuntimeException e) {
                    LOG.error("{} refresh cycle failed", tier.label(), e);
                } finally {
                    busy.set(false);
                }
            });
        } catch (RuntimeException rejected) {
            busy.set(false);
        }
    }

    static Route route(RedisLease.Answer answer) {
        return switch (answer) {
            case ACQUIRED -> Route.OWN_CLIENTS;
            case HELD_ELSEWHERE -> Route.SKIP;
            case UNREACHABLE -> Route.FLEET_SHARE;
        };
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
