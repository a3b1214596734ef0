package io.pricewire.core.history;

import io.pricewire.core.price.Price;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HistoryTap} of both runtimes: {@code change24h} from the {@link ReferencePrices}, history into the
 * {@link HistoryRecorder}, and for the cold Lambda the roll-up of hours and days after each run's flush.
 */
public final class PriceHistory implements HistoryTap {
    private static final Logger LOG = LoggerFactory.getLogger(PriceHistory.class);

    private final HistoryRecorder recorder;
    private final ReferencePrices references;
    private final Optional<HistoryRollup> rollup;
    private final Clock clock;
    /** The symbols published since the last flush: those the roll-up covers. */
    private final Set<String> published = ConcurrentHashMap.newKeySet();

    /** The service's: the recorder writes every resolution itself. */
    public PriceHistory(HistoryRecorder recorder, ReferencePrices references) {
        this(recorder, references, Optional.empty(), Clock.systemUTC());
    }

    /** With {@code rollup} run after each {@link #flush} over the symbols published since the one before. */
    public PriceHistory(
            HistoryRecorder recorder, ReferencePrices references, Optional<HistoryRollup> rollup, Clock clock) {
        this.recorder = recorder;
        this.references = references;
        this.rollup = rollup;
        this.clock = clock;
    }

    @Override
    public List<Price> beforePublish(List<Price> prices) {
        references.prefetch(prices.stream().map(Price::symbol).toList());
        return prices.stream().map(this::beforePublishNow).toList();
    }

    @Override
    public Price beforePublishNow(Price price) {
        return price.withChange24h(references
                .cached(price.symbol())
                .flatMap(then -> Change24h.percent(price.price(), then))
                .orElse(null));
    }

    @Override
    public void published(Price price) {
        recorder.record(price);
        if (rollup.isPresent()) {
            published.add(price.symbol());
        }
    }

    @Override
    public boolean flush() {
        boolean written = recorder.flush();
        if (rollup.isPresent() && !published.isEmpty()) {
            List<String> symbols = List.copyOf(published);
            published.removeAll(symbols);
            try {
                rollup.get().afterRun(symbols, clock.instant());
            } catch (RuntimeException e) { // the next run's roll-up covers the same hour again
                LOG.warn("history roll-up of {} assets failed: {}", symbols.size(), e.toString());
                return false;
            }
        }
        return written;
    }

    public HistoryRecorder recorder() {
        return recorder;
    }

    public ReferencePrices references() {
        return references;
    }
}
