package io.pricewire.core.exchange.http;

import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.ListingResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Keeps every exchange client's market listing current: reads the listings of those not read successfully within
 * {@code interval} (at start: all of them), in parallel. The caller decides when to ask — the service on a schedule,
 * the cold Lambda once per invocation — and asking often is cheap: a listing read within the interval is not read
 * again, while one that failed is tried again at the next ask.
 */
public final class ListingRefresher {
    /** Exchanges add and remove pairs a few times a week; an hour bounds how long a delisted pair costs calls. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    /** Longest wait for the listings: a few MB each, read off the hot path. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(20);

    private final List<ExchangeClient> clients;
    private final Clock clock;
    private final Duration interval;
    private final Map<ExchangeId, Instant> readAt = new ConcurrentHashMap<>();

    public ListingRefresher(Collection<ExchangeClient> clients, Clock clock, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be > 0");
        }
        this.clients = List.copyOf(clients);
        this.clock = clock;
        this.interval = interval;
    }

    public ListingRefresher(Collection<ExchangeClient> clients, Clock clock) {
        this(clients, clock, DEFAULT_INTERVAL);
    }

    /**
     * Reads the listings that are due, each within {@code budget}, and waits for them.
     *
     * @return per exchange asked, whether its listing could be read; empty when none was due
     */
    public synchronized Map<ExchangeId, Boolean> refreshDue(Duration budget) {
        Instant now = clock.instant();
        List<ExchangeClient> due = clients.stream()
                .filter(c ->
                        !now.isBefore(readAt.getOrDefault(c.id(), Instant.EPOCH).plus(interval)))
                .toList();
        Map<ExchangeId, Boolean> outcome = new EnumMap<>(ExchangeId.class);
        if (due.isEmpty() || budget.isNegative() || budget.isZero()) {
            return outcome;
        }
        // blocking HTTP calls: one virtual thread each, so a slow exchange does not delay the others
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ListingResponse>> pending = new ArrayList<>();
            for (ExchangeClient client : due) {
                pending.add(calls.submit(() -> client.refreshListings(budget)));
            }
            for (int i = 0; i < due.size(); i++) {
                boolean read = !pending.get(i).get().isFailure();
                outcome.put(due.get(i).id(), read);
                if (read) {
                    readAt.put(due.get(i).id(), now);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("listing refresh failed", e.getCause());
        }
        return outcome;
    }

    /** {@link #refreshDue(Duration)} with {@link #DEFAULT_BUDGET}. */
    public Map<ExchangeId, Boolean> refreshDue() {
        return refreshDue(DEFAULT_BUDGET);
    }
}
