package io.pricewire.service.refresh;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.http.ExchangeClient;
import io.pricewire.core.exchange.http.ListingRefresher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the exchanges' market listings at start and keeps them current (each read again after an hour, a failed
 * one retried every few minutes), so that price calls leave out pairs an exchange no longer trades. Runs on its
 * own thread, never the event loop. Off together with the tickers ({@code pricewire.tiers.tickers=false}): tests
 * that count exchange calls turn all background traffic off that way.
 */
@Singleton
@Requires(property = "pricewire.tiers.tickers", value = "true", defaultValue = "true")
public class ListingSchedule implements ApplicationEventListener<ServerStartupEvent> {
    /** How often due listings are looked for: a listing that failed at start is retried this soon. */
    static final Duration CHECK_EVERY = Duration.ofMinutes(5);

    static final Duration FIRST_READ_AFTER = Duration.ofSeconds(90);
    private static final Logger LOG = LoggerFactory.getLogger(ListingSchedule.class);

    private final ListingRefresher refresher;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("listing-refresh").daemon().factory());

    ListingSchedule(Map<ExchangeId, ExchangeClient> clients, Clock clock) {
        this.refresher = new ListingRefresher(clients.values(), clock);
    }

    /**
     * The first read comes {@link #FIRST_READ_AFTER} after start, once the warm-up (at most a minute) and the
     * first readers are served: a listing call takes from the same rate budget as price calls (Kraken allows one
     * call a second), and they need every call they can get — short of an exchange's quotes, a price has fewer
     * sources and no outlier rule to apply. Until then a pair an exchange no longer knows is found by the price
     * calls themselves (ExchangeClient isolates it).
     */
    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        scheduler.scheduleWithFixedDelay(
                this::refresh, FIRST_READ_AFTER.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            Map<ExchangeId, Boolean> read = refresher.refreshDue();
            if (!read.isEmpty()) {
                LOG.info("market listings read: {}", read);
            }
        } catch (RuntimeException e) {
            // a failure must not cancel the schedule: the next check tries again
            LOG.warn("market listing refresh failed", e);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
