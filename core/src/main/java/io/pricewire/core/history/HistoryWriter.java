package io.pricewire.core.history;

import java.util.List;

/**
 * Stores buckets of price history, merging each into the bucket already stored ({@link Bucket#merge}), never
 * overwriting it: whoever refreshes an asset writes its buckets, and two writers may cover the same one.
 */
public interface HistoryWriter {
    /**
     * Merges every bucket into the store; blocks until done. Throws {@link HistoryWriteException} when some could not
     * be written: those are named, the others are stored.
     */
    void merge(List<Bucket> buckets);

    /** Some buckets could not be stored; {@link #failed()} lists them so the caller may try again. */
    final class HistoryWriteException extends RuntimeException {
        private final transient List<Bucket> failed;

        public HistoryWriteException(String message, List<Bucket> failed, Throwable cause) {
            super(message, cause);
            this.failed = List.copyOf(failed);
        }

        public List<Bucket> failed() {
            return failed;
        }
    }
}
