package io.pricewire.core.refresh;

import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.http.Lane;

/**
 * Who asked for a refresh, and so which lane of the exchanges' rate budgets (docs/architecture.md §4) it draws
 * from. The label names it in reports, logs and the {@code trigger} tag of {@code pricewire.refresh.duration}.
 */
public enum Trigger {
    /** The service's hot and medium tier tickers. */
    TICKER("ticker", Lane.SHARED),
    /** The cold tier's Lambda. */
    LAMBDA("lambda", Lane.SHARED),
    /** An instance's warm-up, for the assets its table lacks. */
    WARMUP("warmup", Lane.SHARED),
    /**
     * Readers waiting on an asset no cache holds: the shared lane, borrowing only a permit the reserved lane holds
     * right now, so never-stored assets never starve the hot tier.
     */
    MISS("miss", Lane.SHARED_OR_SPARE_PRIORITY),
    /** An operator's POST refresh: the reserved lane, whatever the asset's tier. */
    API("api", Lane.PRIORITY);

    private final String label;
    private final Lane lane;

    Trigger(String label, Lane lane) {
        this.label = label;
        this.lane = lane;
    }

    /** The lower-case name used in reports, logs and metrics. */
    public String label() {
        return label;
    }

    /** The lane a refresh of {@code tier} assets draws from: the hot tier always uses the reserved one. */
    public Lane lane(Tier tier) {
        return tier == Tier.HOT ? Lane.PRIORITY : lane;
    }
}
