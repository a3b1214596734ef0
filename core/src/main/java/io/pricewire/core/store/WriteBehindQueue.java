package io.pricewire.core.store;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.pricewire.core.price.Price;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes prices to the {@link PriceStore} in the background, so a slow or dead table never holds
 * up the cache write and publish that readers depend on.
 *
 * <p>One entry per symbol: a newer price replaces the queued one (an older one is ignored), so a
 * backlog costs at most one entry per asset and the table is written the newest price only; the
 * store's conditional put still keeps anything older from landing on top. When the bound is
 * reached the queued entries win and the newcomer is dropped and counted: it is a symbol not yet
 * waiting, its price is already in the cache, and its next refresh offers it again.
 *
 * <p>A circuit breaker stands in front of the store: once most recent writes fail, the workers
 * leave it alone for {@link WriteBehindSettings#breakerOpenFor()} and then probe with a few writes.
 * A write that fails is queued again unless a newer price for its symbol arrived meanwhile.
 */
public final class WriteBehindQueue implements AutoCloseable {
    /** Pause of a worker after a failed or refused write: the breaker, not this, decides when to try again. */
    static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(WriteBehindQueue.class);

    /** What one drain step did. */
    enum Step {
        EMPTY,
        WRITTEN,
        FAILED,
        REFUSED
    }

    private final PriceStore store;
    private final WriteBehindSettings settings;
    private final CircuitBreaker breaker;
    private final ConcurrentHashMap<String, Price> pending = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<String> order = new LinkedBlockingQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    /** Starts {@link WriteBehindSettings#workers()} virtual-thread workers; {@link #close()} stops them. */
    public WriteBehindQueue(PriceStore store, WriteBehindSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.breaker = CircuitBreaker.of(
                "store-writes",
                CircuitBreakerConfig.custom()
                        .slidingWindow(20, 10, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(settings.breakerOpenFor())
                        .permittedNumberOfCallsInHalfOpenState(2)
                        .recordExceptions(PriceStore.StoreException.class)
                        .clock(clock)
                        .build());
        breaker.getEventPublisher()
                .onStateTransition(e ->
                        LOG.warn("store write breaker: {} ({} prices waiting)", e.getStateTransition(), size.get()));
        for (int i = 0; i < settings.workers(); i++) {
            workers.add(Thread.ofVirtual().name("store-writer-" + i).start(this::work));
        }
    }

    /**
     * Queues {@code price} for the store, replacing an older queued price of its symbol. Returns
     * false when it was dropped because {@link WriteBehindSettings#capacity()} symbols already wait.
     */
    public boolean offer(Price price) {
        boolean[] added = {false};
        boolean[] full = {false};
        pending.compute(price.symbol(), (symbol, queued) -> {
            if (queued != null) {
                return price.isNewerThan(queued) ? price : queued;
            }
            if (size.incrementAndGet() > settings.capacity()) {
                size.decrementAndGet();
                full[0] = true;
                return null;
            }
            added[0] = true;
            return price;
        });
        if (full[0]) {
            long total = dropped.incrementAndGet();
            if (total == 1 || total % 1_000 == 0) {
                LOG.warn(
                        "store write queue full ({} symbols): dropped the write of {} ({} dropped so far)",
                        settings.capacity(),
                        price.symbol(),
                        total);
            }
            return false;
        }
        if (added[0]) {
            order.add(price.symbol()); // a symbol is in the order exactly while it is pending (or being taken)
        }
        return true;
    }

    /** Prices waiting for the store. */
    public int backlog() {
        return size.get();
    }

    /** Prices dropped because the queue was full, since start. */
    public long dropped() {
        return dropped.get();
    }

    /** The breaker's state, lower case ({@code closed}, {@code open}, {@code half_open}). */
    public String breakerState() {
        return breaker.getState().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Waits until every queued price has been written, helping the workers from the calling
     * thread; returns false when {@code timeout} passed first (the store is down or too slow).
     */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (size.get() > 0 || inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                Step step = drainOne(Duration.ofNanos(Math.min(left, POLL.toNanos())));
                if (step == Step.FAILED || step == Step.REFUSED) {
                    Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), RETRY_PAUSE.toMillis())));
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Takes the next queued price, waiting up to {@code wait} for one, and writes it if the breaker allows. */
    Step drainOne(Duration wait) throws InterruptedException {
        String symbol = order.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (symbol == null) {
            return Step.EMPTY;
        }
        inFlight.incrementAndGet();
        try {
            Price price = pending.remove(symbol);
            if (price == null) {
                return Step.EMPTY; // cannot happen while offer() keeps order and pending in step
            }
            size.decrementAndGet();
            if (!breaker.tryAcquirePermission()) {
                offer(price);
                return Step.REFUSED;
            }
            long start = System.nanoTime();
            try {
                store.putIfNewer(price); // false: a newer price is stored already, which is just as good
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return Step.WRITTEN;
            } catch (RuntimeException e) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                LOG.debug("store write of {} failed, queued again: {}", symbol, e.getMessage());
                offer(price);
                return Step.FAILED;
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void work() {
        while (!closed) {
            try {
                Step step = drainOne(POLL);
                if (step == Step.FAILED || step == Step.REFUSED) {
                    Thread.sleep(RETRY_PAUSE.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("store writer failed; continuing", e);
            }
        }
    }

    /** Stops the workers; what is still queued is not written (call {@link #flush} first to keep it). */
    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        if (size.get() > 0) {
            LOG.warn("closing with {} prices not yet in the store", size.get());
        }
    }
}
