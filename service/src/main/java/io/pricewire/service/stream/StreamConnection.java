package io.pricewire.service.stream;

import io.github.resilience4j.core.IntervalFunction;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.Quote;
import io.pricewire.core.exchange.stream.StreamMessage;
import io.pricewire.core.exchange.stream.StreamProtocol;
import io.pricewire.core.exchange.stream.StreamTick;
import io.pricewire.service.config.StreamProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exchange's stream, kept alive: connects, subscribes the wanted listings (and re-subscribes after every
 * reconnect), follows changes to them, turns ticks into {@link Quote}s, and reconnects with jittered exponential
 * back-off when the connection closes, fails, falls {@linkplain StreamProperties#silentAfter() silent}, is told to by
 * the exchange, or reaches {@linkplain StreamProperties#maxConnectionAge() its maximum age}.
 *
 * <p>Its quotes count only while it is <i>contributing</i>: connected, and with a quote younger than
 * {@linkplain StreamProperties#staleAfter() the staleness limit} within that limit. A stream whose event times stop
 * advancing (an exchange serving frozen prices) stays connected but stops contributing; the {@link Sink} then drops
 * its quotes, and the REST tickers speak for that exchange until it contributes again.
 *
 * <p>{@link #supervise} drives every timer; the socket's callbacks only record what arrived. Callbacks of a replaced
 * socket are ignored (each attempt has its own listener), so a late close of an old connection cannot tear down the
 * new one.
 */
final class StreamConnection {
    private static final Logger LOG = LoggerFactory.getLogger(StreamConnection.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Where the stream's quotes and state changes go. */
    interface Sink {
        void onQuote(Quote quote);

        void onContributing(ExchangeId exchange, boolean contributing);
    }

    private final StreamProtocol protocol;
    private final URI uri;
    private final HttpClient http;
    private final StreamProperties props;
    private final Clock clock;
    private final Sink sink;
    private final StreamMetrics metrics;
    private final IntervalFunction backoff;

    private volatile Map<String, Listing> byName = Map.of();
    private final Set<Listing> wanted = new LinkedHashSet<>();
    private final Set<Listing> subscribed = new LinkedHashSet<>();

    private Attempt attempt;
    private int failedAttempts;
    private long nextAttemptNanos;
    private volatile boolean contributing;
    private boolean stopped;

    StreamConnection(
            StreamProtocol protocol,
            URI baseUrl,
            HttpClient http,
            StreamProperties props,
            Clock clock,
            Sink sink,
            StreamMetrics metrics) {
        this.protocol = protocol;
        this.uri = baseUrl.resolve(protocol.path());
        this.http = http;
        this.props = props;
        this.clock = clock;
        this.sink = sink;
        this.metrics = metrics;
        this.backoff =
                IntervalFunction.ofExponentialRandomBackoff(props.reconnectMin(), 2.0, 0.5, props.reconnectMax());
        this.nextAttemptNanos = System.nanoTime();
    }

    ExchangeId exchange() {
        return protocol.exchange();
    }

    URI uri() {
        return uri;
    }

    /**
     * What to follow: {@code tracked} are the listings whose ticks become quotes (the exchange may send more, such as
     * Binance's all-market stream), {@code subscribe} those to subscribe to.
     */
    synchronized void follow(List<Listing> tracked, List<Listing> subscribe) {
        Map<String, Listing> names = new HashMap<>();
        tracked.forEach(l -> names.put(protocol.streamName(l), l));
        byName = Map.copyOf(names);
        wanted.clear();
        wanted.addAll(subscribe);
        if (attempt != null && attempt.open) {
            resubscribe(attempt);
        }
    }

    /** Drives the timers; called every few hundred milliseconds by the ingester. */
    synchronized void supervise() {
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        if (wanted.isEmpty() && protocol.onConnect().isEmpty()) {
            // nothing to ask for: Coinbase would cut a connection that subscribes nothing within 5 s anyway
            closeCurrent();
            return;
        }
        if (attempt == null) {
            if (now - nextAttemptNanos >= 0) {
                connect(now);
            }
            return;
        }
        if (!attempt.open) {
            if (now - attempt.startedNanos > CONNECT_TIMEOUT.toNanos() * 2) {
                drop(attempt, "error", "no connection within " + CONNECT_TIMEOUT.multipliedBy(2));
            }
            return;
        }
        if (now - attempt.lastAliveNanos > props.silentAfter().toNanos()) {
            drop(attempt, "silent", "no data or heartbeat for " + props.silentAfter());
            return;
        }
        if (now - attempt.openedNanos > props.maxConnectionAge().toNanos()) {
            drop(attempt, "max_age", "connection older than " + props.maxConnectionAge());
            nextAttemptNanos = now;
            return;
        }
        if (protocol.ping().isPresent()
                && now - attempt.lastPingNanos > props.pingInterval().toNanos()) {
            attempt.lastPingNanos = now;
            attempt.send(protocol.ping().get());
        }
        setContributing(attempt.lastFreshNanos != 0
                && now - attempt.lastFreshNanos <= props.staleAfter().toNanos());
    }

    /** Closes the connection for good (the lease moved, or shutdown). */
    synchronized void stop() {
        stopped = true;
        closeCurrent();
    }

    /** Closes the connection, if any, with a close frame: not a failure, so no reconnect is scheduled or counted. */
    private void closeCurrent() {
        if (attempt != null) {
            Attempt closing = attempt;
            attempt = null;
            closing.close();
        }
        subscribed.clear();
        setContributing(false);
        metrics.connected(exchange(), false);
    }

    private void connect(long now) {
        Attempt next = new Attempt(now);
        attempt = next;
        http.newWebSocketBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(uri, next)
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        synchronized (this) {
                            drop(next, "error", "connect failed: " + failure.getMessage());
                        }
                    }
                });
    }

    /** Ends {@code which} (when it is still the current attempt) and schedules the next one. */
    private void drop(Attempt which, String reason, String detail) {
        if (which != attempt) {
            return;
        }
        attempt = null;
        which.abort();
        metrics.connected(exchange(), false);
        metrics.reconnect(exchange(), reason);
        setContributing(false);
        subscribed.clear();
        failedAttempts++;
        long delay = backoff.apply(Math.min(failedAttempts, 16));
        nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
        LOG.info("{} stream: {} ({}); reconnecting in {} ms", exchange().label(), reason, detail, delay);
    }

    private void setContributing(boolean now) {
        if (now != contributing) {
            contributing = now;
            metrics.contributing(exchange(), now);
            sink.onContributing(exchange(), now);
            LOG.info("{} stream {} contributing", exchange().label(), now ? "now" : "no longer");
        }
    }

    private void resubscribe(Attempt open) {
        List<Listing> gone = new ArrayList<>(subscribed);
        gone.removeAll(wanted);
        List<Listing> added = new ArrayList<>(wanted);
        added.removeAll(subscribed);
        protocol.unsubscribe(gone).forEach(open::send);
        protocol.subscribe(added).forEach(open::send);
        subscribed.removeAll(gone);
        subscribed.addAll(added);
    }

    private synchronized void opened(Attempt which) {
        if (which != attempt) {
            which.abort();
            return;
        }
        long now = System.nanoTime();
        which.open = true;
        which.openedNanos = now;
        which.lastAliveNanos = now;
        which.lastPingNanos = now;
        metrics.connected(exchange(), true);
        LOG.info("{} stream connected to {}", exchange().label(), uri);
        protocol.onConnect().forEach(which::send);
        subscribed.clear();
        resubscribe(which);
    }

    private void received(Attempt which, String text) {
        Instant receivedAt = clock.instant();
        StreamMessage message = protocol.parse(text, receivedAt);
        metrics.message(exchange(), message.kind());
        long now = System.nanoTime();
        switch (message.kind()) {
            case TICKS -> {
                which.lastAliveNanos = now;
                List<StreamTick> fresh = message.ticks().stream()
                        .filter(t -> Duration.between(t.eventTime(), receivedAt).compareTo(props.staleAfter()) <= 0)
                        .toList();
                if (fresh.isEmpty()) {
                    return;
                }
                which.lastFreshNanos = now;
                if (!contributing) {
                    synchronized (this) {
                        if (which != attempt) {
                            return;
                        }
                        failedAttempts = 0;
                        setContributing(true);
                    }
                }
                Map<String, Listing> names = byName;
                for (StreamTick tick : fresh) {
                    Listing listing = names.get(tick.name());
                    String currency = listing == null ? null : protocol.currency(listing);
                    if (currency != null) {
                        sink.onQuote(new Quote(
                                exchange(), listing.symbol(), tick.price(), currency, tick.eventTime(), tick.volume()));
                    }
                }
            }
            case HEARTBEAT -> which.lastAliveNanos = now;
            case RECONNECT -> {
                synchronized (this) {
                    drop(which, "shutdown", message.detail());
                    nextAttemptNanos = System.nanoTime();
                }
            }
            case ERROR -> LOG.warn("{} stream error: {}", exchange().label(), message.detail());
            case MALFORMED ->
                LOG.debug("{} stream sent something unreadable: {}", exchange().label(), message.detail());
            default -> {
                // acks and pongs: nothing to do, they are counted
            }
        }
    }

    /** One connection attempt and, once open, the connection: its listener, its sends, its clocks. */
    private final class Attempt implements WebSocket.Listener {
        final long startedNanos;
        volatile boolean open;
        volatile long openedNanos;
        volatile long lastAliveNanos;
        volatile long lastFreshNanos;
        volatile long lastPingNanos;
        private WebSocket socket;
        private CompletableFuture<WebSocket> sending;
        private final StringBuilder partial = new StringBuilder();

        Attempt(long startedNanos) {
            this.startedNanos = startedNanos;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            synchronized (this) {
                socket = webSocket;
                sending = CompletableFuture.completedFuture(webSocket);
            }
            opened(this);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    received(this, text);
                } catch (RuntimeException e) {
                    LOG.warn("{} stream message not handled", exchange().label(), e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            synchronized (StreamConnection.this) {
                drop(this, "closed", "closed by the exchange: " + statusCode + " " + reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            synchronized (StreamConnection.this) {
                drop(this, "error", String.valueOf(error));
            }
        }

        /** Sends {@code text} after every earlier send: the JDK socket allows one outstanding send at a time. */
        synchronized void send(String text) {
            if (sending == null) {
                return;
            }
            sending = sending.thenCompose(ws -> ws.sendText(text, true)).exceptionally(failed -> {
                LOG.debug("{} stream send failed: {}", exchange().label(), failed.toString());
                return socket;
            });
        }

        synchronized void close() {
            if (socket != null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((ws, e) -> socket.abort());
            }
            open = false;
        }

        synchronized void abort() {
            if (socket != null) {
                socket.abort();
            }
            open = false;
        }
    }

    /** For tests: what the stream is subscribed to now. */
    synchronized Set<Listing> subscribed() {
        return Set.copyOf(subscribed);
    }

    /** For tests and health: whether it contributes now. */
    synchronized boolean isContributing() {
        return contributing;
    }
}
