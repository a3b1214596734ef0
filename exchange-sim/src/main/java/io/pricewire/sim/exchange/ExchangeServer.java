package io.pricewire.sim.exchange;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.sim.Fault;
import io.pricewire.sim.FaultMode;
import io.pricewire.sim.StreamSettings;
import io.pricewire.sim.market.Market;
import io.pricewire.sim.market.PriceView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated exchange on its own loopback port, serving its REST API and its WebSocket stream side by
 * side: counts requests, applies the active fault and the rate limit, lets its {@link Dialect} answer REST
 * and its {@link StreamDialect} talk on the stream, and publishes every market tick to the stream. The
 * {@code down} fault really stops the server (connection refused, every open connection dropped); clearing
 * it binds the same port again.
 */
public final class ExchangeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeServer.class);
    private static final int BACKLOG = 128;
    private static final int MAX_REQUEST_BYTES = 1 << 20;
    private static final Duration PORT_RELEASE_LIMIT = Duration.ofSeconds(5);

    /** A fault as set, with what it needs from that moment (the frozen prices of {@code stale}). */
    public record ActiveFault(Fault fault, Instant since, PriceView frozen) {}

    private final Dialect dialect;
    private final StreamDialect streams;
    private final Market market;
    private final Clock clock;
    private final ExecutorService executor;
    private final EventLoopGroup loops;
    private final StreamSettings streamSettings;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final StreamHub hub = new StreamHub();
    private final LongAdder requests = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private volatile ActiveFault active;
    private Channel server;
    private int port;
    private boolean closed;

    /**
     * @param executor runs REST answers (the {@code slow} fault parks them), never the event loops
     * @param loops    the event loops serving the connections, shared by the exchanges
     */
    public ExchangeServer(
            Dialect dialect,
            StreamDialect streams,
            Market market,
            Clock clock,
            ExecutorService executor,
            EventLoopGroup loops,
            StreamSettings streamSettings) {
        this.dialect = dialect;
        this.streams = streams;
        this.market = market;
        this.clock = clock;
        this.executor = executor;
        this.loops = loops;
        this.streamSettings = streamSettings;
    }

    public ExchangeId exchange() {
        return dialect.exchange();
    }

    /** Binds {@code requestedPort} on 127.0.0.1 (0 = any free port) and starts serving. */
    public synchronized void start(int requestedPort) throws IOException {
        if (server != null) {
            throw new IllegalStateException(exchange().label() + " is already started");
        }
        bind(requestedPort);
    }

    /** The bound port; stays the same across a {@code down} fault. */
    public synchronized int port() {
        return port;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** True unless the {@code down} fault is active or the server is closed. */
    public synchronized boolean isListening() {
        return server != null;
    }

    public synchronized void setFault(Fault fault) {
        Fault resolved = fault.resolved();
        PriceView frozen = null;
        if (resolved.mode() == FaultMode.STALE) {
            frozen = new PriceView(market.snapshot(), 1.0, clock.millis() - resolved.latencyMs());
        }
        active = new ActiveFault(resolved, clock.instant(), frozen);
        if (resolved.mode() == FaultMode.DOWN) {
            unbind();
        } else {
            rebindIfDown();
        }
        LOG.info("{}: fault {} set", exchange().label(), resolved);
    }

    public synchronized void clearFault() {
        if (active != null) {
            LOG.info(
                    "{}: fault {} cleared",
                    exchange().label(),
                    active.fault().mode().label());
        }
        active = null;
        rebindIfDown();
    }

    public Optional<ActiveFault> fault() {
        return Optional.ofNullable(active);
    }

    public long requestCount() {
        return requests.sum();
    }

    public long rateLimitedCount() {
        return rateLimited.sum();
    }

    /** Stream connections open now. */
    public int streamConnections() {
        return hub.open();
    }

    /** Stream messages sent (acks, events, heartbeats, pongs) since start or the last reset. */
    public long streamMessages() {
        return hub.messages();
    }

    public void resetCounts() {
        requests.reset();
        rateLimited.reset();
        hub.resetCounts();
    }

    /** Publishes the market's latest step to every stream connection, through the active fault. */
    public void publish() {
        hub.publish(view(active), market.snapshot().tick());
    }

    @Override
    public synchronized void close() {
        closed = true;
        unbind();
    }

    private void bind(int requestedPort) throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline()
                                .addLast("http", new HttpServerCodec())
                                .addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast("front", new HttpFront(ExchangeServer.this));
                    }
                });
        ChannelFuture bound = bootstrap
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException(
                    "could not listen on port " + requestedPort + " for "
                            + exchange().label(),
                    bound.cause());
        }
        server = bound.channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    private void unbind() {
        if (server != null) {
            server.close().awaitUninterruptibly();
            server = null;
            awaitPortReleased();
        }
        // down means every connection drops too, open streams and keep-alive REST connections alike
        connections.close().awaitUninterruptibly();
    }

    /**
     * The JDK defers closing a listening socket registered with a selector until the selector's next
     * round, so Netty's close future can complete while the port still accepts connections (and a
     * re-bind fails with "address in use"). {@code down} must mean refused at once: wait until the port
     * can be bound, which is when the old listener is really gone.
     */
    private void awaitPortReleased() {
        long deadline = System.nanoTime() + PORT_RELEASE_LIMIT.toNanos();
        while (true) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return;
            } catch (IOException stillListening) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException(
                            "port " + port + " still in use after closing the "
                                    + exchange().label() + " server",
                            stillListening);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
        }
    }

    private void rebindIfDown() {
        if (server == null && !closed) {
            try {
                bind(port);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "could not listen on port " + port + " again for "
                                + exchange().label(),
                        e);
            }
        }
    }

    StreamDialect streams() {
        return streams;
    }

    ExecutorService executor() {
        return executor;
    }

    WsSession newSession(Channel channel, String id) {
        return new WsSession(channel, hub, this::faultMode, () -> view(active), clock, streamSettings, id);
    }

    void opened(WsSession session) {
        hub.add(session);
    }

    void closed(WsSession session) {
        hub.remove(session);
    }

    private FaultMode faultMode() {
        ActiveFault fault = active;
        return fault == null ? null : fault.fault().mode();
    }

    /**
     * The REST answer under the active fault; empty when nothing is to be answered (interrupted while slow,
     * or the {@code silent} fault).
     */
    Optional<SimResponse> respond(SimRequest request) {
        requests.increment();
        ActiveFault fault = active;
        FaultMode mode = fault == null ? null : fault.fault().mode();
        if (mode == FaultMode.SILENT || !sleepIfSlow(fault)) {
            return Optional.empty();
        }
        Optional<SimResponse> answer = answer(request, fault, mode);
        answer.filter(SimResponse::rateLimited).ifPresent(r -> rateLimited.increment());
        return answer;
    }

    /**
     * What a WebSocket handshake meets instead of the upgrade: the handshake is an HTTP request, so
     * {@code slow} delays it and {@code error} and {@code ratelimit} answer it as they answer REST. The REST
     * rate limits do not count handshakes (the exchanges limit connections separately).
     */
    Optional<SimResponse> handshakeRefusal() {
        ActiveFault fault = active;
        FaultMode mode = fault == null ? null : fault.fault().mode();
        if (!sleepIfSlow(fault)) {
            return Optional.of(dialect.serverError());
        }
        if (mode == FaultMode.ERROR) {
            return Optional.of(dialect.serverError());
        }
        if (mode == FaultMode.RATELIMIT) {
            return Optional.of(dialect.rateLimitFault(retryAfterSeconds(fault)));
        }
        return Optional.empty();
    }

    /** False when interrupted while the {@code slow} fault delays the answer (the sim is closing). */
    private static boolean sleepIfSlow(ActiveFault fault) {
        if (fault == null || fault.fault().mode() != FaultMode.SLOW) {
            return true;
        }
        try {
            Thread.sleep(fault.fault().latencyMs());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Optional<SimResponse> answer(SimRequest request, ActiveFault fault, FaultMode mode) {
        if (mode == FaultMode.RATELIMIT) {
            return Optional.of(dialect.rateLimitFault(retryAfterSeconds(fault)).asRateLimited());
        }
        Admission admission = dialect.admit(request, clock.millis());
        if (admission.rejection().isPresent()) {
            return admission.rejection();
        }
        if (mode == FaultMode.ERROR) {
            return Optional.of(dialect.serverError().withHeaders(admission.headers()));
        }
        SimResponse answer = dialect.answer(request, view(fault)).withHeaders(admission.headers());
        if (mode == FaultMode.GARBAGE) {
            // a body cut in half: valid-looking start, unparseable as JSON, with a 200 that invites trusting it
            byte[] body = answer.body();
            answer = new SimResponse(200, answer.headers(), Arrays.copyOf(body, Math.max(1, body.length / 2)), false);
        }
        return Optional.of(answer);
    }

    private static long retryAfterSeconds(ActiveFault fault) {
        return Math.max(1, (fault.fault().latencyMs() + 999) / 1000);
    }

    /** The prices REST answers and stream events quote: the same per-exchange quotes, through the fault. */
    private PriceView view(ActiveFault fault) {
        if (fault != null && fault.fault().mode() == FaultMode.STALE) {
            return fault.frozen();
        }
        double factor = fault != null && fault.fault().mode() == FaultMode.OUTLIER
                ? fault.fault().factor()
                : 1.0;
        return new PriceView(market.snapshot(), factor, clock.millis());
    }
}
