package io.pricewire.service.tiers;

import static io.pricewire.core.cache.RedisKeys.DEMAND_LEASE;
import static io.pricewire.core.cache.RedisKeys.DEMAND_SCORES;
import static io.pricewire.core.cache.RedisKeys.HOT_SET;
import static io.pricewire.core.cache.RedisKeys.PROMOTED;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZStoreArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.service.config.DemandProperties;
import io.pricewire.service.config.TierProperties;
import io.pricewire.service.lease.RedisLease;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demand-driven tiers. Every instance counts, per asset, the clients that asked for it (at most
 * one point per client per asset per {@code client-window}, {@link DemandCounter}) and adds them
 * every period to the Redis sorted set {@code demand:scores}; one instance per period (lease
 * {@code lease:demand}) halves the scores every half-life, has {@link HotSetPolicy} choose the
 * hot set and writes it to {@code tier:hot} (all instances read it) and the promoted part to the
 * set {@code tier:promoted} (the cold Lambda skips those). This class does the Redis and lease
 * work only; the choice itself is the policy's, a pure function.
 */
@Singleton
public class DemandTiers implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(DemandTiers.class);
    private static final String PUBLISH_TIERS = """
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('DEL', KEYS[2])
            for i = 2, #ARGV do redis.call('SADD', KEYS[2], ARGV[i]) end
            return 'OK'
            """;

    private final TierDirectory directory;
    private final DemandProperties props;
    private final HotSetPolicy policy;
    private final RedisLease lease;
    private final StatefulRedisConnection<String, String> redis;
    private final DemandCounter counter;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("demand-tiers").daemon().factory());

    DemandTiers(
            AssetUniverse universe,
            TierDirectory directory,
            TierProperties tiers,
            DemandProperties props,
            RedisLease lease,
            StatefulRedisConnection<String, String> redis) {
        this.directory = directory;
        this.props = props;
        this.policy = HotSetPolicy.of(
                universe, directory.rankHot().stream().map(Asset::symbol).toList(), tiers.hotSize(), props);
        this.lease = lease;
        this.redis = redis;
        this.counter = new DemandCounter(props.clientWindow(), props.maxClientAssets(), System::nanoTime);
    }

    /** Whether requests are counted; when not, callers need not work out who the client is. */
    public boolean counting() {
        return props.enabled();
    }

    /**
     * Counts a request for {@code asset} by {@code client} ({@code ClientIdentity}), once per
     * client-window; cheap enough for every GET.
     */
    public void record(Asset asset, String client) {
        if (props.enabled()) {
            counter.record(client, asset.symbol());
        }
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (props.enabled()) {
            long period = props.period().toMillis();
            scheduler.scheduleWithFixedDelay(this::cycle, period, period, TimeUnit.MILLISECONDS);
        }
    }

    void cycle() {
        try {
            RedisAsyncCommands<String, String> cmd = redis.async();
            flushCounts(cmd);
            if (lease.tryAcquire(DEMAND_LEASE, props.period().multipliedBy(9).dividedBy(10))) {
                decayAndChoose(cmd);
            }
            List<String> hot = members(cmd.get(HOT_SET).get(2, TimeUnit.SECONDS));
            directory.useHotSet(hot.isEmpty() ? null : new LinkedHashSet<>(hot));
        } catch (Exception e) {
            LOG.warn("demand tier cycle failed: {}", e.toString());
        }
    }

    private void flushCounts(RedisAsyncCommands<String, String> cmd) throws Exception {
        for (Map.Entry<String, Long> e : counter.drain().entrySet()) {
            cmd.zincrby(DEMAND_SCORES, e.getValue(), e.getKey()).get(2, TimeUnit.SECONDS);
        }
    }

    private void decayAndChoose(RedisAsyncCommands<String, String> cmd) throws Exception {
        double factor = HotSetPolicy.decayPerPeriod(props);
        cmd.zunionstore(DEMAND_SCORES, ZStoreArgs.Builder.weights(factor), DEMAND_SCORES)
                .get(2, TimeUnit.SECONDS);
        cmd.zremrangebyscore(DEMAND_SCORES, Range.create(Double.NEGATIVE_INFINITY, 0.01))
                .get(2, TimeUnit.SECONDS);
        Map<String, Double> scores = new HashMap<>();
        for (ScoredValue<String> v : cmd.zrangeWithScores(DEMAND_SCORES, 0, -1).get(2, TimeUnit.SECONDS)) {
            scores.put(v.getValue(), v.getScore());
        }
        HotSetChoice choice = policy.next(members(cmd.get(HOT_SET).get(2, TimeUnit.SECONDS)), scores);
        // one script, not MULTI: the connection is shared, and a transaction would swallow other threads' commands
        List<String> args = new ArrayList<>();
        args.add(String.join(",", choice.hot()));
        args.addAll(choice.promoted());
        cmd.<String>eval(
                        PUBLISH_TIERS,
                        ScriptOutputType.STATUS,
                        new String[] {HOT_SET, PROMOTED},
                        args.toArray(String[]::new))
                .get(2, TimeUnit.SECONDS);
        if (choice.changed()) {
            LOG.info("hot tier changed by demand: promoted {}", choice.promoted());
        }
    }

    /** The symbols of a {@code tier:hot} value (comma-separated); empty when none was written. */
    private static List<String> members(String hot) {
        return hot == null || hot.isEmpty() ? List.of() : Arrays.asList(hot.split(","));
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
