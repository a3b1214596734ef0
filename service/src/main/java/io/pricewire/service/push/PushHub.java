package io.pricewire.service.push;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.service.config.PushProperties;
import io.pricewire.service.nearcache.NearCache;
import io.pricewire.service.nearcache.PriceJson;
import io.pricewire.service.nearcache.ReadyPrice;
import io.pricewire.service.tiers.DemandTiers;
import io.pricewire.service.tiers.TierDirectory;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every open stream of this instance and the prices they wait for. It listens to the {@link NearCache}, which takes
 * every new aggregate from the Redis {@code prices} channel, so a stream on any instance sees every price whoever
 * refreshed it. Each new price is rendered once (its JSON with {@code ageMs} as it arrives) and offered to the
 * streams of its symbol; a stream's waiting events are conflated to the latest per symbol ({@link Subscriber}), and
 * the streams of one event loop are flushed by one task on that loop, so a price costs one task per loop, not one
 * per stream.
 *
 * <p>A sweeper, independent of any write, runs every second: it sends a heartbeat comment on streams idle for
 * {@link PushProperties#heartbeat()}, ends a stream whose client has taken nothing for
 * {@link PushProperties#slowConsumerAfter()} ({@code event: error}) or that reached
 * {@link PushProperties#maxDuration()} ({@code event: reconnect}), renews the demand of every stream's symbols, and
 * moves a {@code tier=hot} stream to the hot tier when demand has changed it.
 * A graceful shutdown ends every stream with {@code event: reconnect}, so clients move to another instance at once.
 */
@Singleton
public class PushHub implements GracefulShutdownCapable, ApplicationEventListener<ShutdownEvent>, Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(PushHub.class);
    private static final Duration DEMAND_EVERY = Duration.ofMinutes(1);
    private static final Duration END_GRACE = Duration.ofSeconds(1);
    private static final int CRLF = ('\r' << 8) | '\n';

    private final Map<String, Set<Subscriber>> bySymbol = new ConcurrentHashMap<>();
    private final Set<Subscriber> all = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Map<EventLoop, LoopQueue> loops = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("push-sweeper").daemon().factory());
    /**
     * Offers each new price to its streams, one price after the other. Not on the thread that hears it: that is
     * Lettuce's, which shares Micronaut's Netty event loops — the fan-out of a burst (20 hot prices × 2,500 streams)
     * ran there, on the same loops as the writes it makes due, and the streams at the end of a loop's queue waited for
     * both (JFR: the fan-out was 20 % of the loops' samples at 10,000 streams). One thread keeps the prices' order.
     */
    private final ExecutorService fanOut = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("push-fanout").daemon().factory());

    private final NearCache nearCache;
    private final AssetUniverse universe;
    private final TierDirectory tiers;
    private final PriceJson json;
    private final DemandTiers demand;
    private final PushProperties props;
    private final PushMetrics metrics;
    private final Clock clock;
    private final PushEvent retryHint;
    private long lastDemandNanos = System.nanoTime();

    PushHub(
            NearCache nearCache,
            AssetUniverse universe,
            TierDirectory tiers,
            PriceJson json,
            DemandTiers demand,
            PushProperties props,
            PushMetrics metrics,
            Clock clock) {
        this.nearCache = nearCache;
        this.universe = universe;
        this.tiers = tiers;
        this.json = json;
        this.demand = demand;
        this.props = props;
        this.metrics = metrics;
        this.clock = clock;
        this.retryHint = new PushEvent(null, 0, 0, ("retry: " + props.retry().toMillis() + "\n\n").getBytes());
        metrics.open(open::get);
        nearCache.listen(this::heard);
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    /** Why a stream cannot start. */
    enum Refusal {
        INSTANCE_LIMIT,
        CLIENT_LIMIT
    }

    /** Counts a stream for {@code client} if both limits allow it; the caller then {@link #open}s it. */
    Optional<Refusal> reserve(String client) {
        if (open.incrementAndGet() > props.maxStreams()) {
            open.decrementAndGet();
            metrics.refused("instance_limit");
            return Optional.of(Refusal.INSTANCE_LIMIT);
        }
        AtomicInteger mine = perClient.computeIfAbsent(client, c -> new AtomicInteger());
        if (mine.incrementAndGet() > props.maxStreamsPerClient()) {
            mine.decrementAndGet();
            open.decrementAndGet();
            metrics.refused("client_limit");
            return Optional.of(Refusal.CLIENT_LIMIT);
        }
        return Optional.empty();
    }

    /**
     * Starts the reserved stream on {@code channel}, whose response head is written: the {@code subscribed} event,
     * then the snapshot (the current price of every known symbol), then every new price. Runs on the channel's loop.
     */
    Subscriber open(Channel channel, String client, List<Asset> assets, List<String> unknown, boolean hotTier) {
        Subscriber sub = new Subscriber(
                channel,
                client,
                assets.stream().map(Asset::symbol).toList(),
                hotTier,
                loops.computeIfAbsent(channel.eventLoop(), LoopQueue::new),
                Objects.requireNonNull(
                        channel.pipeline().context(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC),
                        "a stream is served on an HTTP/1.1 pipeline"));
        write(sub, retryHint);
        write(sub, PushEvent.control("subscribed", subscribedJson(sub.symbols, unknown)));
        channel.flush();
        all.add(sub);
        assets.forEach(a -> demand.record(a, client));
        channel.closeFuture().addListener(f -> closed(sub));
        sub.symbols.forEach(s -> join(sub, s));
        return sub;
    }

    /**
     * Streams {@code symbol}'s prices to {@code sub}, starting with its current one. Registered before the snapshot is
     * taken: a price arriving in between is offered too, and the newer wins.
     */
    private void join(Subscriber sub, String symbol) {
        bySymbol.computeIfAbsent(symbol, k -> ConcurrentHashMap.newKeySet()).add(sub);
        ReadyPrice ready = nearCache.ready(symbol);
        if (ready != null) {
            offer(sub, render(ready, 0));
        }
    }

    /** Stops offering {@code symbol}'s prices to {@code sub}. */
    private void leave(Subscriber sub, String symbol) {
        Set<Subscriber> subs = bySymbol.get(symbol);
        if (subs != null) {
            subs.remove(sub);
        }
    }

    /** A subscription is demand for its symbol for as long as it lasts. */
    private void recordDemand(Subscriber sub, String symbol) {
        universe.find(symbol).ifPresent(a -> demand.record(a, sub.client));
    }

    /** The connection of {@code sub} can take writes again: send what waits. */
    void writable(Subscriber sub) {
        flush(sub);
    }

    /** Open streams on this instance. */
    public int openStreams() {
        return open.get();
    }

    /** A new price from the near cache, on the thread that heard it: handed to the fan-out thread. */
    private void heard(ReadyPrice ready) {
        try {
            fanOut.execute(() -> onPrice(ready));
        } catch (RejectedExecutionException e) {
            // the context is closing: no stream is left to tell
        }
    }

    /** Stops the fan-out thread with the context (not with the graceful shutdown: the streams end there, the hub lives on). */
    @PreDestroy
    void close() {
        fanOut.shutdownNow();
    }

    private void onPrice(ReadyPrice ready) {
        Set<Subscriber> subs = bySymbol.get(ready.wire().symbol());
        if (subs == null || subs.isEmpty() || ready.asset() == null) {
            return;
        }
        PushEvent event = render(ready, clock.millis());
        for (Subscriber sub : subs) {
            offer(sub, event);
        }
    }

    /** {@code heardMillis}: when the price was heard published, 0 for a snapshot (see {@link PushEvent}). */
    private PushEvent render(ReadyPrice ready, long heardMillis) {
        Tier tier = ready.asset() == null ? Tier.COLD : tiers.tierOf(ready.asset());
        return PushEvent.price(
                ready.wire().symbol(), ready.millis(), heardMillis, json.body(ready, tier, clock.millis()));
    }

    private void offer(Subscriber sub, PushEvent event) {
        switch (sub.offer(event)) {
            case DIRTY -> sub.queue.add(sub);
            case CONFLATED -> metrics.conflated();
            default -> {
                // a flush is due already, or a newer price waits
            }
        }
    }

    /** Writes what waits on {@code sub}; on its event loop. */
    private void flush(Subscriber sub) {
        Channel channel = sub.channel;
        if (sub.closing || !channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            if (sub.unwritableSinceNanos == 0) {
                sub.unwritableSinceNanos = System.nanoTime();
            }
            return; // the events stay waiting, conflated; channelWritabilityChanged flushes them
        }
        sub.unwritableSinceNanos = 0;
        List<PushEvent> events = sub.drain();
        if (events.isEmpty()) {
            return;
        }
        long now = clock.millis();
        int size = 0;
        for (PushEvent e : events) {
            size += e.bytes().length;
            metrics.sent(e.heardMillis() == 0 ? -1 : now - e.heardMillis());
        }
        // one HTTP chunk for all of them, framed here in one direct buffer and written below the HTTP encoder: one
        // buffer through one handler to the socket per stream, where the encoder made three (size line, events, CRLF),
        // each through the idle-state handler with a promise of its own, and the socket copied the events off the heap
        String length = Integer.toHexString(size);
        ByteBuf chunk = channel.alloc().directBuffer(length.length() + size + 4);
        chunk.writeCharSequence(length, StandardCharsets.US_ASCII);
        chunk.writeShort(CRLF);
        for (PushEvent e : events) {
            chunk.writeBytes(e.bytes());
        }
        chunk.writeShort(CRLF);
        sub.codec.writeAndFlush(chunk, channel.voidPromise());
        metrics.wrote();
        sub.lastWriteNanos = System.nanoTime();
    }

    private void write(Subscriber sub, PushEvent event) {
        sub.channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(event.bytes())), sub.channel.voidPromise());
        sub.lastWriteNanos = System.nanoTime();
    }

    /** Ends {@code sub} with {@code last}, whatever its writability (a few bytes), and closes the connection. */
    private CompletableFuture<Void> end(Subscriber sub, PushEvent last, String reason) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        sub.channel.eventLoop().execute(() -> {
            if (sub.closing || !sub.channel.isActive()) {
                done.complete(null);
                return;
            }
            sub.closing = true;
            metrics.disconnected(reason);
            write(sub, last);
            sub.channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
            // a client that reads nothing never lets that flush finish: closed regardless after a grace second, and
            // whatever it had not taken (the last event too) is dropped with the connection
            sub.channel.eventLoop().schedule(() -> sub.channel.close(), END_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            sub.channel.closeFuture().addListener(f -> done.complete(null));
        });
        return done;
    }

    private void closed(Subscriber sub) {
        if (!all.remove(sub)) {
            return;
        }
        if (!sub.closing) {
            metrics.disconnected("client");
        }
        sub.symbols.forEach(s -> leave(sub, s));
        AtomicInteger mine = perClient.get(sub.client);
        if (mine != null && mine.decrementAndGet() <= 0) {
            perClient.remove(sub.client, mine);
        }
        open.decrementAndGet();
    }

    private void sweep() {
        long now = System.nanoTime();
        boolean renewDemand = now - lastDemandNanos >= DEMAND_EVERY.toNanos();
        if (renewDemand) {
            lastDemandNanos = now;
        }
        List<String> hot = null; // read once per sweep, and only when a tier=hot stream is open
        for (Subscriber sub : all) {
            if (sub.followsHotTier) {
                if (hot == null) {
                    hot = tiers.members(Tier.HOT).stream().map(Asset::symbol).toList();
                }
                if (!sub.symbols.equals(hot)) {
                    List<String> tier = hot;
                    sub.channel.eventLoop().execute(() -> follow(sub, tier));
                }
            }
            long unwritable = sub.unwritableSinceNanos;
            if (unwritable != 0 && now - unwritable > props.slowConsumerAfter().toNanos()) {
                end(sub, slowConsumer(), "slow_consumer");
            } else if (now - sub.openedNanos > props.maxDuration().toNanos()) {
                end(sub, reconnect("max_duration"), "max_duration");
            } else if (now - sub.lastWriteNanos > props.heartbeat().toNanos()) {
                sub.channel.eventLoop().execute(() -> {
                    if (!sub.closing && sub.channel.isActive() && sub.channel.isWritable()) {
                        write(sub, PushEvent.HEARTBEAT);
                        sub.channel.flush();
                    }
                });
            }
            if (renewDemand) {
                sub.symbols.forEach(s -> recordDemand(sub, s));
            }
        }
    }

    /**
     * Moves a {@code tier=hot} stream to the hot tier as it is now, on the stream's loop (where {@link #closed} runs
     * too): {@code event: subscribed} again with the new list, then the current price of each symbol that joined, then
     * its updates; a symbol that left gets none after this (a price of it already waiting may still go out).
     */
    private void follow(Subscriber sub, List<String> hot) {
        List<String> was = sub.symbols;
        if (sub.closing || !sub.channel.isActive() || was.equals(hot)) {
            return;
        }
        sub.symbols = hot;
        was.stream().filter(s -> !hot.contains(s)).forEach(s -> leave(sub, s));
        write(sub, PushEvent.control("subscribed", subscribedJson(hot, List.of())));
        sub.channel.flush();
        hot.stream().filter(s -> !was.contains(s)).forEach(s -> {
            recordDemand(sub, s);
            join(sub, s);
        });
    }

    private PushEvent slowConsumer() {
        return PushEvent.control(
                "error",
                "{\"error\":\"slow_consumer\",\"message\":\"The client took no data for "
                        + props.slowConsumerAfter().toSeconds() + " s; reconnect to get the latest prices.\"}");
    }

    private PushEvent reconnect(String reason) {
        return PushEvent.control(
                "reconnect",
                "{\"reason\":\"" + reason + "\",\"retryMs\":" + props.retry().toMillis() + "}");
    }

    private static String subscribedJson(List<String> symbols, List<String> unknown) {
        return "{\"symbols\":" + array(symbols) + ",\"unknown\":" + array(unknown) + "}";
    }

    /** Symbols are [A-Z0-9]: nothing to escape. */
    private static String array(List<String> symbols) {
        return symbols.isEmpty() ? "[]" : "[\"" + String.join("\",\"", symbols) + "\"]";
    }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        sweeper.shutdownNow();
        if (!all.isEmpty()) {
            LOG.info("shutting down: telling {} streams to reconnect", all.size());
        }
        return CompletableFuture.allOf(all.stream()
                .map(sub -> end(sub, reconnect("shutdown"), "shutdown"))
                .toArray(CompletableFuture[]::new));
    }

    @Override
    public OptionalLong reportActiveTasks() {
        return OptionalLong.of(open.get());
    }

    /**
     * The first listener of the shutdown: the server stops its event loops before the graceful-shutdown listener
     * runs, and a stream can only be told to reconnect while its loop still runs.
     */
    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        try {
            shutdownGracefully().toCompletableFuture().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("not every stream was told to reconnect: {}", e.toString());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The streams of one event loop with something to write, flushed by one task on that loop {@code coalesce} after the first. */
    final class LoopQueue {
        private final EventLoop loop;
        private final ConcurrentLinkedQueue<Subscriber> dirty = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        LoopQueue(EventLoop loop) {
            this.loop = loop;
        }

        void add(Subscriber sub) {
            dirty.add(sub);
            if (scheduled.compareAndSet(false, true)) {
                // gathered for a moment: the rest of a burst joins the streams' pending events before the writes
                loop.schedule(this::drain, props.coalesce().toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        private void drain() {
            scheduled.set(false);
            Subscriber sub;
            while ((sub = dirty.poll()) != null) {
                flush(sub);
            }
        }
    }
}
