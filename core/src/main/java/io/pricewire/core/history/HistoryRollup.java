package io.pricewire.core.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Builds the hourly and daily buckets of assets whose prices come from short-lived runs — the cold Lambda, which
 * writes one minute point per run and does not live to see an hour close — from the finer buckets already stored:
 * once per hour the last hour from its minutes, once per day the last day from its hours. A run without this would
 * have to merge into the open hour and day at every run (twelve and 288 merges each, per asset): about one write per
 * bucket period instead.
 *
 * <p>A run rolls up when it is the first of its schedule in a new hour or day, i.e. within one {@code interval} of
 * its start; it rolls up the two last periods, so one failed run loses nothing. A roll-up written again is the same
 * bucket, which the store does not write twice ({@link Bucket#merge} is idempotent), and one merged with what the
 * service wrote for a promoted asset stays correct.
 */
public final class HistoryRollup {
    private static final int PERIODS_BACK = 2;

    private final HistoryReader reader;
    private final HistoryWriter writer;
    private final Duration interval;
    private final int concurrency;

    /**
     * @param interval    the runs' schedule (the cold tier's 5 minutes)
     * @param concurrency reads in flight at once: 9,800 cold assets are 19,600 queries in the first run of an hour,
     *                    about 100 s one after the other at 5 ms each, so they go in parallel
     */
    public HistoryRollup(HistoryReader reader, HistoryWriter writer, Duration interval, int concurrency) {
        this.reader = reader;
        this.writer = writer;
        this.interval = interval;
        this.concurrency = concurrency;
    }

    /** Rolls up the last hours (and days) of {@code symbols} when {@code now} is early in a new hour (day). */
    public void afterRun(Collection<String> symbols, Instant now) {
        // hours first: the first run of a day rolls up the day's last hour, which its day is then made of
        for (Resolution[] step :
                new Resolution[][] {{Resolution.HOUR, Resolution.MINUTE}, {Resolution.DAY, Resolution.HOUR}}) {
            if (!now.isBefore(step[0].bucketStart(now).plus(interval))) {
                continue; // not the first run of this hour (day): an earlier run rolled it up
            }
            List<Bucket> rolled = inParallel(symbols, symbol -> rollUp(symbol, step[0], step[1], now));
            if (!rolled.isEmpty()) {
                writer.merge(rolled);
            }
        }
    }

    /** {@code each} of the symbols on virtual threads, {@code concurrency} at a time; the first failure is thrown. */
    private List<Bucket> inParallel(Collection<String> symbols, Function<String, List<Bucket>> each) {
        Semaphore permits = new Semaphore(concurrency);
        List<Future<List<Bucket>>> running = new ArrayList<>();
        List<Bucket> out = new ArrayList<>();
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String symbol : symbols) {
                running.add(readers.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        return each.apply(symbol);
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Future<List<Bucket>> f : running) {
                out.addAll(f.get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rolling up", e);
        }
        return out;
    }

    private List<Bucket> rollUp(String symbol, Resolution target, Resolution from, Instant now) {
        Instant current = target.bucketStart(now);
        List<Bucket> out = new ArrayList<>();
        for (int back = PERIODS_BACK; back >= 1; back--) {
            Instant start = current.minus(target.width().multipliedBy(back));
            Instant last = start.plus(target.width()).minus(from.width());
            int most = (int) (target.width().toMillis() / from.width().toMillis());
            of(symbol, target, start, reader.candles(symbol, from, start, last, most))
                    .ifPresent(out::add);
        }
        return out;
    }

    /** The bucket of {@code target} at {@code start} made of {@code parts}, oldest first; empty when there are none. */
    static Optional<Bucket> of(String symbol, Resolution target, Instant start, List<Candle> parts) {
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        Candle first = parts.getFirst();
        Candle last = parts.getLast();
        Bucket b = new Bucket(
                symbol,
                target,
                start,
                first.open(),
                first.high(),
                first.low(),
                last.close(),
                first.start(), // the parts' times are their starts: the order among them is all that matters
                last.start());
        for (Candle c : parts) {
            b = new Bucket(
                    symbol,
                    target,
                    start,
                    b.open(),
                    b.high().max(c.high()),
                    b.low().min(c.low()),
                    b.close(),
                    b.openAt(),
                    b.closeAt());
        }
        return Optional.of(b);
    }
}
