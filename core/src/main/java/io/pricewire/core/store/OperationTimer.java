package io.pricewire.core.store;

/** Receives the duration of each store/cache operation (for metrics); {@link #NONE} ignores them. */
@FunctionalInterface
public interface OperationTimer {
    OperationTimer NONE = (op, nanos, ok) -> {};

    void record(String operation, long nanos, boolean success);
}
