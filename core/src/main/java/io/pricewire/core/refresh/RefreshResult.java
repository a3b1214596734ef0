package io.pricewire.core.refresh;

import io.pricewire.core.price.Price;
import java.util.Map;

/** A refresh's report and the aggregates it produced (symbol → price), written or not. */
public record RefreshResult(RefreshReport report, Map<String, Price> prices) {
    public RefreshResult {
        prices = Map.copyOf(prices);
    }
}
