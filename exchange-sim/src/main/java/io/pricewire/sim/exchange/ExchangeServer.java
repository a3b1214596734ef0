package io.pricewire.sim.exchange;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.sim.Fault;
import io.pricewire.sim.FaultMode;
import io.pricewire.sim.market.Market;
import io.pricewire.sim.market.PriceView;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated exchange on its own loopback HTTP server: counts requests, applies the active fault and
 * the rate limit, and lets its {@link Dialect} answer. The {@code down} fault really stops the server
 * (connection refused); clearing it binds the same port again.
 */
public final class ExchangeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeServer.class);
    private static final int BACKLOG = 128;

    /** A fault as set, with what it needs from that moment (the frozen prices of {@code stale}). */
    public record ActiveFault(Fault fault, Instant since, PriceView frozen) {
    }

    private final Dialect dialect;
    private final Market market;
    private final Clock clock;
    private final ExecutorService executor;
    private final LongAdder requests = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private volatile ActiveFault active;
    private HttpServer server;
    private int port;
    private boolean closed;

    public ExchangeServer(Dialect dialect, Market market, Clock clock, ExecutorService executor) {
        this.dialect = dialect;
        this.market = market;
        this.clock = clock;
        this.executor = executor;
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
            LOG.info("{}: fault {} cleared", exchange().label(), active.fault().mode().label());
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

    public void resetCounts() {
        requests.reset();
        rateLimited.reset();
    }

    @Override
    public synchronized void close() {
        closed = true;
        unbind();
    }

    private void bind(int requestedPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), BACKLOG);
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        s.start();
        server = s;
        port = s.getAddress().getPort();
    }

    private void unbind() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void rebindIfDown() {
        if (server == null && !closed) {
            try {
                bind(port);
            } catch (IOException e) {
                throw new UncheckedIOException("could not listen on port " + port + " again for " + exchange().label(), e);
            }
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            requests.increment();
            SimRequest request = new SimRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    SimRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
                    exchange.getRemoteAddress().getAddress());
            exchange.getRequestBody().readAllBytes();
            Optional<SimResponse> response = respond(request, active);
            if (response.isEmpty()) {
                return;
            }
            if (response.get().rateLimited()) {
                rateLimited.increment();
            }
            write(exchange, response.get());
        } catch (IOException e) {
            // the client hung up or the server was stopped mid-answer (down fault, close): nothing to answer
            LOG.debug("{}: answer not delivered: {}", dialect.exchange().label(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("{}: request {} failed", dialect.exchange().label(), exchange.getRequestURI(), e);
        }
    }

    /** The answer under the active fault; empty when the request was abandoned (interrupted while slow). */
    private Optional<SimResponse> respond(SimRequest request, ActiveFault fault) {
        FaultMode mode = fault == null ? null : fault.fault().mode();
        if (mode == FaultMode.SLOW) {
            try {
                Thread.sleep(fault.fault().latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        if (mode == FaultMode.RATELIMIT) {
            return Optional.of(dialect.rateLimitFault(Math.max(1, (fault.fault().latencyMs() + 999) / 1000)).asRateLimited());
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

    private PriceView view(ActiveFault fault) {
        if (fault != null && fault.fault().mode() == FaultMode.STALE) {
            return fault.frozen();
        }
        double factor = fault != null && fault.fault().mode() == FaultMode.OUTLIER ? fault.fault().factor() : 1.0;
        return new PriceView(market.snapshot(), factor, clock.millis());
    }

    private static void write(HttpExchange exchange, SimResponse response) throws IOException {
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            exchange.getResponseHeaders().set(h.getKey(), h.getValue());
        }
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
