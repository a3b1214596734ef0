package io.pricewire.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.sim.exchange.BinanceDialect;
import io.pricewire.sim.exchange.BinanceStream;
import io.pricewire.sim.exchange.CoinbaseDialect;
import io.pricewire.sim.exchange.CoinbaseStream;
import io.pricewire.sim.exchange.Dialect;
import io.pricewire.sim.exchange.ExchangeServer;
import io.pricewire.sim.exchange.KrakenDialect;
import io.pricewire.sim.exchange.KrakenStream;
import io.pricewire.sim.exchange.Listings;
import io.pricewire.sim.exchange.OkxDialect;
import io.pricewire.sim.exchange.OkxStream;
import io.pricewire.sim.exchange.StreamDialect;
import io.pricewire.sim.market.Decimals;
import io.pricewire.sim.market.Market;
import io.pricewire.sim.market.MarketSnapshot;
import io.pricewire.sim.market.Quoter;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated Binance, Coinbase, Kraken and OKX ticker and market-listing APIs over real HTTP on 127.0.0.1, and
 * their WebSocket ticker streams on the same ports, quoting a hidden true price per asset, with fault
 * injection, run-time delisting and a control API. Start one per test (ephemeral ports) or run {@link Main}
 * for the local stack.
 *
 * <pre>{@code
 * try (ExchangeSim sim = ExchangeSim.start(SimConfig.defaults().withEphemeralPorts())) {
 *     URI binance = sim.baseUri(ExchangeId.BINANCE);
 *     sim.setFault(ExchangeId.KRAKEN, Fault.down());
 * }
 * }</pre>
 */
public final class ExchangeSim implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeSim.class);

    private final SimConfig config;
    private final Market market;
    private final Map<ExchangeId, ExchangeServer> servers = new EnumMap<>(ExchangeId.class);
    private final Map<ExchangeId, Listings> listings = new EnumMap<>(ExchangeId.class);
    private final ExecutorService requestThreads;
    private final EventLoopGroup eventLoops;
    private final ScheduledExecutorService ticker;
    private ControlServer control;
    private boolean closed;

    private ExchangeSim(SimConfig config) {
        this.config = config;
        this.market = new Market(config.universe(), config.seed(), config.clock());
        // one virtual thread per request: the slow fault parks thousands of requests without a pool to exhaust
        this.requestThreads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("exchange-sim-", 0).factory());
        // daemon threads: a test that forgets to close the sim does not keep its JVM alive
        this.eventLoops = new MultiThreadIoEventLoopGroup(
                Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("exchange-sim-io", true),
                NioIoHandler.newFactory());
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "exchange-sim-ticker");
            t.setDaemon(true);
            return t;
        });
        for (ExchangeId e : ExchangeId.values()) {
            // REST and stream quote through one Quoter: the same per-exchange deviations, so they agree
            Quoter quoter = new Quoter(e, market, config.seed());
            Dialect dialect = dialect(e, quoter);
            listings.put(e, dialect.listings());
            servers.put(
                    e,
                    new ExchangeServer(
                            dialect,
                            streams(e, dialect.listings(), quoter),
                            market,
                            config.clock(),
                            requestThreads,
                            eventLoops,
                            config.streams()));
        }
    }

    /** Starts every exchange, the control API and the price walk; a port of 0 picks a free one. */
    public static ExchangeSim start(SimConfig config) throws IOException {
        ExchangeSim sim = new ExchangeSim(config);
        try {
            sim.startAll();
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e;
        }
        return sim;
    }

    public SimConfig config() {
        return config;
    }

    /** Where an exchange listens, e.g. {@code http://127.0.0.1:9101}; append the exchange's real paths. */
    public URI baseUri(ExchangeId exchange) {
        return servers.get(exchange).baseUri();
    }

    public URI controlUri() {
        return URI.create("http://127.0.0.1:" + control.port());
    }

    /** The hidden true USD price of a symbol (case-insensitive), eight significant digits. */
    public BigDecimal truePrice(String symbol) {
        return truth(symbol)
                .orElseThrow(() -> new IllegalArgumentException("unknown symbol: " + symbol))
                .price();
    }

    /** The hidden true USD price with the time of the walk step it comes from; empty for an unknown symbol. */
    public Optional<Truth> truth(String symbol) {
        if (symbol == null) {
            return Optional.empty();
        }
        String canonical = symbol.toUpperCase(Locale.ROOT);
        OptionalInt index = market.indexOf(canonical);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        MarketSnapshot snapshot = market.snapshot();
        return Optional.of(new Truth(canonical, Decimals.round(snapshot.usd(index.getAsInt())), snapshot.at()));
    }

    /**
     * Takes one random-walk step now, in addition to the background ticks (useful with tickInterval zero), and
     * publishes it to the streams.
     */
    public void tick() {
        market.tick();
        servers.values().forEach(ExchangeServer::publish);
    }

    /** Injects a fault, replacing any active one on that exchange. */
    public void setFault(ExchangeId exchange, Fault fault) {
        servers.get(exchange).setFault(fault);
    }

    public void clearFault(ExchangeId exchange) {
        servers.get(exchange).clearFault();
    }

    public void clearAllFaults() {
        servers.values().forEach(ExchangeServer::clearFault);
    }

    /** The active faults, defaults filled in, by exchange. */
    public Map<ExchangeId, Fault> activeFaults() {
        Map<ExchangeId, Fault> faults = new EnumMap<>(ExchangeId.class);
        servers.forEach((e, s) -> s.fault().ifPresent(f -> faults.put(e, f.fault())));
        return Collections.unmodifiableMap(faults);
    }

    /** True when {@code symbol} (case-insensitive) is an asset of the simulated universe. */
    public boolean isKnownSymbol(String symbol) {
        return symbol != null && market.indexOf(symbol.toUpperCase(Locale.ROOT)).isPresent();
    }

    /**
     * Delists the pair that quotes {@code symbol} (Pricewire's symbol, case-insensitive) on one exchange, until
     * {@link #relist}: its tickers answer the exchange's unknown-symbol error, alone or in a list, whole-market
     * answers leave it out, and the listing endpoint drops it or marks it (Binance {@code BREAK}, Coinbase
     * {@code delisted}). Idempotent.
     *
     * @return the pair; empty when the exchange does not list the symbol
     */
    public Optional<Listing> delist(ExchangeId exchange, String symbol) {
        Optional<Listing> pair = listings.get(exchange).delist(symbol.toUpperCase(Locale.ROOT));
        pair.ifPresent(l -> LOG.info("{}: {} ({}) delisted", exchange.label(), l.symbol(), l.pair()));
        return pair;
    }

    /** Undoes {@link #delist}; idempotent. Empty when the exchange does not list the symbol. */
    public Optional<Listing> relist(ExchangeId exchange, String symbol) {
        Optional<Listing> pair = listings.get(exchange).relist(symbol.toUpperCase(Locale.ROOT));
        pair.ifPresent(l -> LOG.info("{}: {} ({}) relisted", exchange.label(), l.symbol(), l.pair()));
        return pair;
    }

    public void relistAll() {
        listings.values().forEach(Listings::relistAll);
    }

    /** The delisted pairs by exchange (exchanges without one left out), in rank order. */
    public Map<ExchangeId, List<Listing>> delistedPairs() {
        Map<ExchangeId, List<Listing>> gone = new EnumMap<>(ExchangeId.class);
        listings.forEach((e, l) -> {
            List<Listing> pairs = l.delisted();
            if (!pairs.isEmpty()) {
                gone.put(e, pairs);
            }
        });
        return Collections.unmodifiableMap(gone);
    }

    /** False while the {@code down} fault is active. */
    public boolean isListening(ExchangeId exchange) {
        return servers.get(exchange).isListening();
    }

    /** Requests that reached the exchange since start or the last {@link #resetCounts()}. */
    public long requestCount(ExchangeId exchange) {
        return servers.get(exchange).requestCount();
    }

    /** Requests answered with the exchange's rate-limit answer (limit or ratelimit fault). */
    public long rateLimitedCount(ExchangeId exchange) {
        return servers.get(exchange).rateLimitedCount();
    }

    /** WebSocket stream connections open on the exchange now. */
    public int streamConnections(ExchangeId exchange) {
        return servers.get(exchange).streamConnections();
    }

    /** WebSocket messages the exchange sent (events, acks, heartbeats, pongs) since start or the last {@link #resetCounts()}. */
    public long streamMessages(ExchangeId exchange) {
        return servers.get(exchange).streamMessages();
    }

    public void resetCounts() {
        servers.values().forEach(ExchangeServer::resetCounts);
    }

    /** Stops every server, the control API and the ticker. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.shutdownNow();
        if (control != null) {
            control.close();
        }
        servers.values().forEach(ExchangeServer::close);
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        // interrupts requests parked by the slow fault so nothing outlives the sim
        requestThreads.shutdownNow();
        try {
            if (!requestThreads.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("some simulator request threads did not stop within 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("exchange-sim stopped");
    }

    private synchronized void startAll() throws IOException {
        for (ExchangeServer s : servers.values()) {
            s.start(config.port(s.exchange()));
        }
        control = new ControlServer(this, new ObjectMapper(), config.controlPort(), requestThreads);
        long tickMs = config.tickInterval().toMillis();
        if (tickMs > 0) {
            ticker.scheduleAtFixedRate(this::safeTick, tickMs, tickMs, TimeUnit.MILLISECONDS);
        }
        LOG.info(
                "exchange-sim started: {} assets, seed {}, control on {}",
                config.universe().size(),
                config.seed(),
                controlUri());
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            // an exception would cancel the schedule and freeze prices silently; log and keep walking
            LOG.error("price walk step failed", e);
        }
    }

    private Dialect dialect(ExchangeId exchange, Quoter quoter) {
        boolean enforce = config.enforceRateLimits();
        return switch (exchange) {
            case BINANCE -> new BinanceDialect(market, quoter, config.rateLimits(), enforce);
            case COINBASE -> new CoinbaseDialect(market, quoter, config.rateLimits(), enforce);
            case KRAKEN -> new KrakenDialect(market, quoter, config.rateLimits(), enforce);
            case OKX -> new OkxDialect(market, quoter, config.rateLimits(), enforce);
        };
    }

    private StreamDialect streams(ExchangeId exchange, Listings pairs, Quoter quoter) {
        return switch (exchange) {
            case BINANCE -> new BinanceStream(pairs, quoter, BinanceStream.stepsPerSecond(config.tickInterval()));
            case COINBASE -> new CoinbaseStream(pairs, quoter);
            case KRAKEN -> new KrakenStream(pairs, quoter);
            case OKX -> new OkxStream(pairs, quoter);
        };
    }
}
