package io.pricewire.core.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

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

    /** @param interval the runs' schedule (the cold tier's 5 minutes) */
    public HistoryRollup(HistoryReader reader, HistoryWriter writer, Duration interval) {
        this.reader = reader;
        this.writer = writer;
        this.interval = interval;
    }

    /** Rolls up the last hours (and days) of {@code symbols} when {@code now} is early in a new hour (day). */
    public void afterRun(Collection<String> symbols, Instant now) {
        // hours first: the first run of a day rolls up the day's last hour, which its day is then made of
        for (Resolution[] step :
                new Resolution[][] {{Resolution.HOUR, Resolution.MINUTE}, {Resolution.DAY, Resolution.HOUR}}) {
            List<Bucket> rolled = new ArrayList<>();
            for (String symbol : symbols) {
                rolled.addAll(rollUp(symbol, step[0], step[1], now));
            }
            if (!rolled.isEmpty()) {
                writer.merge(rolled);
            }
        }
    }

    private List<Bucket> rollUp(String symbol, Resolution target, Resolution from, Instant now) {
        Instant current = target.bucketStart(now);
        if (!now.isBefore(current.plus(interval))) {
            return List.of(); // an earlier run of this period did it
        }
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
