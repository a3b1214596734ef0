package io.pricewire.core.refresh;

/** Observes finished refreshes (metrics, logs); {@link #NONE} ignores them. */
@FunctionalInterface
public interface RefreshListener {
    RefreshListener NONE = report -> {};

    void onRefresh(RefreshReport report);
}
