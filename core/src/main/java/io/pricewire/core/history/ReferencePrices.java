package io.pricewire.core.history;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The price of each asset 24 hours ago (the close of its latest minute bucket in {@link Change24h}'s window), from
 * which the publishers compute {@code change24h}. Cached per asset and looked up again at most once per
 * {@code refreshEvery}: the reference moves by one minute per minute, so a minute's cache is exact to the minute and
 * costs one history read per asset per minute however often the asset is published.
 *
 * <p>Lookups run on virtual threads, at most {@code concurrency} at a time. {@link #cached} never blocks (a stream
 * publication must not wait on the table): a missing or old entry is looked up in the background and used from the
 * next publication on. {@link #prefetch} waits for a batch's lookups, but at most {@code wait}: a slow table delays
 * a refresh by that much at worst, and the prices go out without {@code change24h} rather than late.
 */
public final class ReferencePrices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReferencePrices.class);

    private final HistoryReader reader;
    private final Clock clock;
    private final Duration refreshEvery;
    private final Duration wait;
    private final Semaphore permits;
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Reference> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Reference>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** A reference price looked up at {@code at}, or none ({@code price} null) when no history was that old. */
    private record Reference(BigDecimal price, Instant at) {}

    public ReferencePrices(HistoryReader reader, Clock clock, Duration refreshEvery, Duration wait, int concurrency) {
        this.reader = reader;
        this.clock = clock;
        this.refreshEvery = refreshEvery;
        this.wait = wait;
        this.permits = new Semaphore(concurrency);
    }

    /** The reference of {@code symbol} known now, if any; starts a lookup when there is none or it is old. */
    public Optional<BigDecimal> cached(String symbol) {
        Reference known = cache.get(symbol);
        if (known == null || isOld(known)) {
            lookup(symbol);
        }
        return known == null ? Optional.empty() : Optional.ofNullable(known.price());
    }

    /** Looks up the references of {@code symbols} that are missing or old, waiting at most the configured time. */
    public void prefetch(Collection<String> symbols) {
        List<CompletableFuture<Reference>> pending = new ArrayList<>();
        for (String symbol : symbols) {
            Reference known = cache.get(symbol);
            if (known == null || isOld(known)) {
                pending.add(lookup(symbol));
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            LOG.debug("reference prices: {} lookups still running after {}", pending.size(), wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception failed) {
            // each lookup logs and counts its own failure; the prices go out without change24h
        }
    }

    /** History reads made (one per asset per {@code refreshEvery} at most). */
    public long reads() {
        return reads.get();
    }

    /** Lookups that failed (the table unreachable): the asset's {@code change24h} stays as it was. */
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }

    private boolean isOld(Reference r) {
        return !r.at().plus(refreshEvery).isAfter(clock.instant());
    }

    private CompletableFuture<Reference> lookup(String symbol) {
        return inFlight.computeIfAbsent(symbol, s -> {
            CompletableFuture<Reference> done = new CompletableFuture<>();
            try {
                lookups.execute(() -> {
                    // out of inFlight before completing: whoever the completion wakes must be able to look up again
                    try {
                        Reference r = load(s);
                        inFlight.remove(s, done);
                        done.complete(r);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        LOG.debug("reference price of {} not read: {}", s, e.toString());
                        // the last reference stays, and is not asked for again before refreshEvery: a table that is
                        // down must not get a lookup per publication
                        cache.compute(s, (k, old) -> new Reference(old == null ? null : old.price(), clock.instant()));
                        inFlight.remove(s, done);
                        done.completeExceptionally(e);
                    }
                });
            } catch (RuntimeException rejected) { // closed: no lookup, no change24h (not mapped yet: nothing to remove)
                done.completeExceptionally(rejected);
            }
            return done;
        });
    }

    private Reference load(String symbol) {
        Instant now = clock.instant();
        permits.acquireUninterruptibly();
        List<Candle> window;
        try {
            reads.incrementAndGet();
            int minutes = (int) Change24h.WINDOW.toMinutes() + 1;
            window = reader.candles(
                    symbol, Resolution.MINUTE, Change24h.windowStart(now), Change24h.windowEnd(now), minutes);
        } finally {
            permits.release();
        }
        Reference r = new Reference(window.isEmpty() ? null : window.getLast().close(), now);
        cache.put(symbol, r);
        return r;
    }
}
