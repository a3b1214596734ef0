package io.pricewire.service.assets;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.ZStoreArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.service.config.DemandProperties;
import io.pricewire.service.config.TierProperties;
import io.pricewire.service.refresh.RefreshLease;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demand-driven tiers. Every instance counts GETs per asset in memory and adds them every period
 * to the Redis sorted set {@code demand:scores}; one instance per period (lease
 * {@code lease:demand}) halves the scores every half-life, recomputes the hot set and writes it
 * to {@code tier:hot} (all instances read it) and the promoted part to the set
 * {@code tier:promoted} (the cold Lambda skips those). An asset busier than the coldest hot asset
 * by the hysteresis factor takes its place; the hot tier keeps its size; a promoted asset whose
 * demand has cooled below half the promotion threshold gives its place back to the best-ranked
 * displaced asset.
 */
@Singleton
public class DemandTiers implements ApplicationEventListener<ServerStartupEvent> {
    static final String SCORES = "demand:scores";
    static final String HOT = "tier:hot";
    static final String PROMOTED = "tier:promoted";
    private static final Logger LOG = LoggerFactory.getLogger(DemandTiers.class);
    private static final String PUBLISH_TIERS = """
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('DEL', KEYS[2])
            for i = 2, #ARGV do redis.call('SADD', KEYS[2], ARGV[i]) end
            return 'OK'
            """;

    private final AssetUniverse universe;
    private final TierDirectory directory;
    private final TierProperties tiers;
    private final DemandProperties props;
    private final RefreshLease lease;
    private final StatefulRedisConnection<String, String> redis;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("demand-tiers").daemon().factory());

    DemandTiers(AssetUniverse universe, TierDirectory directory, TierProperties tiers, DemandProperties props, RefreshLease lease,
                StatefulRedisConnection<String, String> redis) {
        this.universe = universe;
        this.directory = directory;
        this.tiers = tiers;
        this.props = props;
        this.lease = lease;
        this.redis = redis;
    }

    /** Counts one request for {@code asset}; cheap enough for every GET. */
    public void record(Asset asset) {
        if (props.enabled()) {
            counts.computeIfAbsent(asset.symbol(), s -> new LongAdder()).increment();
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
            if (lease.tryAcquire("demand", props.period().multipliedBy(9).dividedBy(10))) {
                decayAndChoose(cmd);
            }
            String hot = cmd.get(HOT).get(2, TimeUnit.SECONDS);
            directory.useHotSet(hot == null || hot.isEmpty() ? null : new LinkedHashSet<>(Arrays.asList(hot.split(","))));
        } catch (Exception e) {
            LOG.warn("demand tier cycle failed: {}", e.toString());
        }
    }

    private void flushCounts(RedisAsyncCommands<String, String> cmd) throws Exception {
        for (Map.Entry<String, LongAdder> e : counts.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n > 0) {
                cmd.zincrby(SCORES, n, e.getKey()).get(2, TimeUnit.SECONDS);
            }
        }
    }

    private void decayAndChoose(RedisAsyncCommands<String, String> cmd) throws Exception {
        double factor = Math.pow(0.5, (double) props.period().toMillis() / props.halfLife().toMillis());
        cmd.zunionstore(SCORES, ZStoreArgs.Builder.weights(factor), SCORES).get(2, TimeUnit.SECONDS);
        cmd.zremrangebyscore(SCORES, io.lettuce.core.Range.create(Double.NEGATIVE_INFINITY, 0.01)).get(2, TimeUnit.SECONDS);
        Map<String, Double> scores = new HashMap<>();
        for (ScoredValue<String> v : cmd.zrangeWithScores(SCORES, 0, -1).get(2, TimeUnit.SECONDS)) {
            scores.put(v.getValue(), v.getScore());
        }
        String current = cmd.get(HOT).get(2, TimeUnit.SECONDS);
        List<String> currentHot = current == null || current.isEmpty()
                ? directory.rankHot().stream().map(Asset::symbol).toList() : Arrays.asList(current.split(","));
        List<String> next = choose(currentHot, scores);
        Set<String> rankHot = new LinkedHashSet<>(directory.rankHot().stream().map(Asset::symbol).toList());
        List<String> promoted = next.stream().filter(s -> !rankHot.contains(s)).toList();
        // one script, not MULTI: the connection is shared, and a transaction would swallow other threads' commands
        List<String> args = new ArrayList<>();
        args.add(String.join(",", next));
        args.addAll(promoted);
        cmd.<String>eval(PUBLISH_TIERS, io.lettuce.core.ScriptOutputType.STATUS, new String[]{HOT, PROMOTED}, args.toArray(String[]::new))
                .get(2, TimeUnit.SECONDS);
        if (!new LinkedHashSet<>(next).equals(new LinkedHashSet<>(currentHot))) {
            LOG.info("hot tier changed by demand: promoted {}", promoted);
        }
    }

    /** The next hot set: swaps while a candidate beats the coldest member by the hysteresis; demotes cooled promotions. */
    List<String> choose(List<String> currentHot, Map<String, Double> scores) {
        Set<String> rankHot = new LinkedHashSet<>(directory.rankHot().stream().map(Asset::symbol).toList());
        List<String> hot = new ArrayList<>(currentHot.stream().filter(s -> universe.find(s).isPresent()).toList());
        Comparator<String> colder = Comparator.<String>comparingDouble(s -> scores.getOrDefault(s, 0.0))
                .thenComparing(s -> -rank(s));
        // cooled promotions give their place back to the best-ranked displaced asset
        for (String s : List.copyOf(hot)) {
            if (!rankHot.contains(s) && scores.getOrDefault(s, 0.0) < props.minScore() / 2) {
                hot.remove(s);
            }
        }
        for (String s : rankHot) {
            if (hot.size() >= tiers.hotSize()) {
                break;
            }
            if (!hot.contains(s)) {
                hot.add(s);
            }
        }
        List<String> candidates = scores.entrySet().stream()
                .filter(e -> !hot.contains(e.getKey()) && e.getValue() >= props.minScore() && universe.find(e.getKey()).isPresent())
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
        for (String candidate : candidates) {
            if (hot.size() < tiers.hotSize()) {
                hot.add(candidate);
                continue;
            }
            String coldest = hot.stream().min(colder).orElseThrow();
            if (scores.get(candidate) > scores.getOrDefault(coldest, 0.0) * props.hysteresis()) {
                hot.remove(coldest);
                hot.add(candidate);
            } else {
                break;
            }
        }
        hot.sort(Comparator.comparingInt(this::rank));
        return hot;
    }

    private int rank(String symbol) {
        return universe.find(symbol).map(Asset::rank).orElse(Integer.MAX_VALUE);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
