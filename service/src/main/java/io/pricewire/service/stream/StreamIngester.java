package io.pricewire.service.stream;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.cache.RedisKeys;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.Quote;
import io.pricewire.core.exchange.stream.StreamProtocols;
import io.pricewire.service.config.ExchangeProperties;
import io.pricewire.service.config.StreamProperties;
import io.pricewire.service.lease.RedisLease;
import io.pricewire.service.tiers.TierDirectory;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the exchanges' streams on the one instance of the fleet that holds the Redis lease {@code lease:stream}: the
 * exchanges limit connections per IP and the fleet shares one egress address. Every instance asks for the lease
 * every {@linkplain StreamProperties#leaseRenew() renew interval}; the holder extends it, so when the holder dies
 * another instance takes over within the lease TTL plus one interval (3 + 1 s), and a graceful shutdown releases it
 * at once. An instance that loses the lease, or cannot reach Redis (its publications could not be written anyway),
 * closes its connections.
 *
 * <p>While it runs it follows the tiers every interval: the hot tier is subscribed on every exchange (a promotion
 * subscribes, a demotion unsubscribes), and Binance's all-market mini-ticker, which carries every pair on one
 * stream, also feeds the medium tier. Quotes go to the {@link StreamPublisher}, as do the quotes of every REST cycle
 * ({@link FetchedQuotes}), which stand in for an exchange whose stream does not contribute.
 */
@Singleton
@Requires(property = "pricewire.streams.enabled", value = "true", defaultValue = "true")
public class StreamIngester implements ApplicationEventListener<ServerStartupEvent>, StreamConnection.Sink {
    private static final Logger LOG = LoggerFactory.getLogger(StreamIngester.class);
    private static final long SUPERVISE_EVERY_MS = 200;

    private final StreamProperties props;
    private final Map<ExchangeId, URI> baseUrls;
    private final TierDirectory tiers;
    private final RedisLease lease;
    private final StreamPublisher publisher;
    private final FetchedQuotes fetched;
    private final StreamMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("stream-supervisor").daemon().factory());
    /** Parses and books every message: one thread, so ingestion takes at most one core from the read path. */
    private final ExecutorService inbound = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("stream-in").daemon().factory());

    private final HttpClient http;
    private final Map<ExchangeId, StreamConnection> connections = new EnumMap<>(ExchangeId.class);

    StreamIngester(
            StreamProperties props,
            ExchangeProperties exchanges,
            TierDirectory tiers,
            RedisLease lease,
            StreamPublisher publisher,
            FetchedQuotes fetched,
            StreamMetrics metrics,
            Clock clock) {
        this.props = props;
        this.baseUrls = props.baseUrls(exchanges.baseUrls());
        this.tiers = tiers;
        this.lease = lease;
        this.publisher = publisher;
        this.fetched = fetched;
        this.metrics = metrics;
        this.clock = clock;
        this.http = HttpClient.newBuilder().executor(inbound).build();
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        scheduler.scheduleWithFixedDelay(this::leaseTick, 0, props.leaseRenew().toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(
                this::supervise, SUPERVISE_EVERY_MS, SUPERVISE_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** Whether this instance runs the streams now. */
    public synchronized boolean isActive() {
        return !connections.isEmpty();
    }

    /** The stream of {@code exchange} while this instance runs them. */
    synchronized Optional<StreamConnection> connection(ExchangeId exchange) {
        return Optional.ofNullable(connections.get(exchange));
    }

    void leaseTick() {
        try {
            RedisLease.Answer answer = lease.hold(RedisKeys.STREAM_LEASE, props.leaseTtl());
            if (answer == RedisLease.Answer.ACQUIRED) {
                start();
                follow();
            } else {
                stop(answer == RedisLease.Answer.UNREACHABLE ? "Redis unreachable" : "the lease is held elsewhere");
            }
        } catch (RuntimeException e) {
            LOG.error("stream lease tick failed", e);
        }
    }

    private synchronized void supervise() {
        try {
            connections.values().forEach(StreamConnection::supervise);
        } catch (RuntimeException e) {
            LOG.error("stream supervision failed", e);
        }
    }

    private synchronized void start() {
        if (!connections.isEmpty()) {
            return;
        }
        LOG.info("stream lease taken: running the exchanges' streams here");
        for (ExchangeId exchange : ExchangeId.values()) {
            connections.put(
                    exchange,
                    new StreamConnection(
                            StreamProtocols.of(exchange), baseUrls.get(exchange), http, props, clock, this, metrics));
        }
        fetched.sendTo(publisher::onFetched);
        metrics.active(true);
    }

    private synchronized void stop(String why) {
        if (connections.isEmpty()) {
            return;
        }
        LOG.info("streams stopped here: {}", why);
        fetched.sendTo(null);
        connections.values().forEach(StreamConnection::stop);
        connections.clear();
        publisher.reset();
        metrics.active(false);
    }

    /** Subscribes the current hot tier on every exchange; Binance's all-market stream also serves the medium tier. */
    private synchronized void follow() {
        List<Asset> hot = tiers.members(Tier.HOT);
        List<Asset> medium = tiers.members(Tier.MEDIUM);
        Set<String> tracked = new HashSet<>();
        hot.forEach(a -> tracked.add(a.symbol()));
        medium.forEach(a -> tracked.add(a.symbol()));
        publisher.book().track(tracked);
        connections.forEach((exchange, connection) -> {
            List<Listing> hotListings = listings(hot, exchange);
            if (exchange == ExchangeId.BINANCE) {
                // the all-market stream it opens with carries every pair: nothing to subscribe per asset
                List<Listing> trackedListings = new ArrayList<>(hotListings);
                trackedListings.addAll(listings(medium, exchange));
                connection.follow(trackedListings, List.of());
            } else {
                connection.follow(hotListings, hotListings);
            }
        });
    }

    private static List<Listing> listings(List<Asset> assets, ExchangeId exchange) {
        return assets.stream()
                .map(a -> a.listingOn(exchange))
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public void onQuote(Quote quote) {
        publisher.onStreamed(quote);
    }

    @Override
    public void onContributing(ExchangeId exchange, boolean contributing) {
        if (!contributing) {
            publisher.book().dropStreamed(exchange);
        }
    }

    @PreDestroy
    void shutdown() {
        scheduler.shutdownNow();
        boolean held = isActive();
        stop("shutting down");
        if (held) {
            lease.release(RedisKeys.STREAM_LEASE);
        }
        inbound.shutdownNow();
        http.close();
    }
}
