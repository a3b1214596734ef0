package io.pricewire.core.history;

import io.pricewire.core.price.Price;
import java.util.List;

/** The {@link HistoryTap} of both runtimes: {@code change24h} from the {@link ReferencePrices}, history into the {@link HistoryRecorder}. */
public final class PriceHistory implements HistoryTap {
    private final HistoryRecorder recorder;
    private final ReferencePrices references;

    public PriceHistory(HistoryRecorder recorder, ReferencePrices references) {
        this.recorder = recorder;
        this.references = references;
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
    }

    @Override
    public boolean flush() {
        return recorder.flush();
    }

    public HistoryRecorder recorder() {
        return recorder;
    }

    public ReferencePrices references() {
        return references;
    }
}
