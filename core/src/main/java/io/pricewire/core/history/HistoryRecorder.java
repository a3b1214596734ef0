package io.pricewire.core.history;

import io.pricewire.core.price.Price;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every published aggregate into open/high/low/close buckets in memory and writes each bucket once, when its
 * period is over: about one DynamoDB write per asset per bucket period however often the asset is refreshed
 * (docs/architecture.md §3, "Price history").
 *
 * <p>{@link #record} only touches memory, so the publishers (the tier tickers, the streams, POST refresh, the cold
 * Lambda) never wait on the table. {@link #tick} — every few seconds on a background thread — writes the buckets
 * whose period ended at least {@code grace} ago (a price stamped just before the minute may be published just
 * after it), and again those whose write failed. A price for a bucket already written opens it again and it is
 * written once more; the table merges ({@link Bucket#merge}), so nothing is lost, it only costs a write.
 *
 * <p>{@link #flush} writes every bucket, the open ones too: on a graceful stop, and at the end of each cold Lambda
 * invocation, which does not live to see its minute close. Whoever continues the bucket (this asset's next
 * refresher) writes its own part and the table merges the two. A crash loses what is only in memory: the open
 * minute, and this process's part of the open hour and day — accepted, as the alternative is writing the open
 * buckets periodically, which multiplies the hourly and daily writes.
 */
public final class HistoryRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryRecorder.class);

    private final HistoryWriter writer;
    private final Set<Resolution> resolutions;
    private final Clock clock;
    private final Duration grace;
    private final int maxRetained;
    private final Map<Bucket.Key, Bucket> open = new ConcurrentHashMap<>();
    private final Map<Bucket.Key, Bucket> failed = new ConcurrentHashMap<>();
    /** One write pass at a time: the ticker's and a flush's would otherwise write the same retries twice. */
    private final ReentrantLock writing = new ReentrantLock();

    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Thread ticker;

    /**
     * @param grace       how long after its end a bucket stays open for late prices
     * @param maxRetained at most this many buckets kept for another try after failed writes; beyond, the newest
     *                    failures are dropped and counted (the table being down for long must not exhaust memory)
     */
    public HistoryRecorder(HistoryWriter writer, Clock clock, Duration grace, int maxRetained) {
        this(writer, EnumSet.allOf(Resolution.class), clock, grace, maxRetained);
    }

    /**
     * Recording only {@code resolutions}: the cold Lambda records minutes, and its hours and days are rolled up from
     * the stored minutes ({@link HistoryRollup}).
     */
    public HistoryRecorder(
            HistoryWriter writer, Set<Resolution> resolutions, Clock clock, Duration grace, int maxRetained) {
        this.writer = writer;
        this.resolutions = EnumSet.copyOf(resolutions);
        this.clock = clock;
        this.grace = grace;
        this.maxRetained = maxRetained;
    }

    /** Adds a published aggregate to its minute, hour and day (those recorded). Memory only. */
    public void record(Price price) {
        for (Resolution resolution : resolutions) {
            Bucket one = Bucket.of(price.symbol(), resolution, price.price(), price.timestamp());
            open.merge(one.key(), one, Bucket::merge);
        }
    }

    /** Writes the buckets whose period ended {@code grace} ago, and those that failed before; returns how many were written. */
    public int tick() {
        Instant now = clock.instant();
        List<Bucket> due = new ArrayList<>();
        for (Bucket b : open.values()) {
            if (!b.end().plus(grace).isAfter(now)) {
                Bucket removed = open.remove(b.key());
                if (removed != null) {
                    due.add(removed); // a price recorded meanwhile is in `removed` too: remove is atomic
                }
            }
        }
        return write(due);
    }

    /**
     * Writes every bucket, open or due or failed before (graceful stop, end of a Lambda invocation); returns whether
     * all were written.
     */
    public boolean flush() {
        List<Bucket> all = new ArrayList<>();
        for (Bucket.Key key : List.copyOf(open.keySet())) {
            Bucket removed = open.remove(key);
            if (removed != null) {
                all.add(removed);
            }
        }
        write(all);
        return failed.isEmpty();
    }

    /** Starts a daemon thread that {@linkplain #tick ticks} every {@code every}; {@link #close} stops it and flushes. */
    public synchronized void start(Duration every) {
        if (ticker != null) {
            return;
        }
        ticker = Thread.ofPlatform().daemon().name("history-writer").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(every);
                    tick();
                } catch (InterruptedException stopping) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("history tick failed: {}", e.toString());
                }
            }
        });
    }

    /** Stops the ticker and writes every open bucket: what a graceful stop would otherwise lose. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = ticker;
            ticker = null;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!flush()) {
            LOG.warn("history: {} buckets could not be written before stopping", failed.size());
        }
    }

    /** Buckets written since start. */
    public long written() {
        return written.get();
    }

    /** Write passes with at least one failed bucket. */
    public long failures() {
        return failures.get();
    }

    /** Buckets given up on: they failed while {@code maxRetained} others waited for another try. */
    public long dropped() {
        return dropped.get();
    }

    /** Buckets in memory: open, or waiting for another try. */
    public int pending() {
        return open.size() + failed.size();
    }

    private int write(List<Bucket> fresh) {
        writing.lock();
        try {
            List<Bucket> batch = new ArrayList<>(fresh);
            for (Bucket.Key key : List.copyOf(failed.keySet())) {
                Bucket retry = failed.remove(key);
                if (retry != null) {
                    batch.add(retry);
                }
            }
            if (batch.isEmpty()) {
                return 0;
            }
            try {
                writer.merge(batch);
                written.addAndGet(batch.size());
                return batch.size();
            } catch (HistoryWriter.HistoryWriteException e) {
                failures.incrementAndGet();
                e.failed().forEach(this::retain);
                written.addAndGet(batch.size() - e.failed().size());
                LOG.warn("history: {} of {} buckets not written: {}", e.failed().size(), batch.size(), e.getMessage());
                return batch.size() - e.failed().size();
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                batch.forEach(this::retain);
                LOG.warn("history: {} buckets not written: {}", batch.size(), e.toString());
                return 0;
            }
        } finally {
            writing.unlock();
        }
    }

    private void retain(Bucket b) {
        if (failed.size() >= maxRetained && !failed.containsKey(b.key())) {
            dropped.incrementAndGet();
            return;
        }
        failed.merge(b.key(), b, Bucket::merge);
    }
}
