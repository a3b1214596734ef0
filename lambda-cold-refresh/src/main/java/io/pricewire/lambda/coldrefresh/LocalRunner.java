package io.pricewire.lambda.coldrefresh;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

/**
 * Invokes the handler outside AWS the way EventBridge would, for the local stack:
 * {@code java -jar lambda-cold-refresh.jar} runs once and exits (status 1 when the run refreshed
 * nothing it was asked to); {@code --every 300} runs every 300 seconds until stopped, the first
 * time at once or {@code --first-after S} seconds later, and {@code --every} alone at the cold
 * tier's interval ({@code PRICEWIRE_TIERS_COLD_INTERVAL}, as the deployed schedule);
 * {@code --create-table} first creates the tables (prices and history) when missing (a fresh dynalite has none).
 * Reads the same environment variables as the function.
 */
public final class LocalRunner {
    private LocalRunner() {}

    private static final String USAGE =
            "usage: java -jar lambda-cold-refresh.jar [--create-table] [--every [SECONDS] [--first-after SECONDS]]";

    public static void main(String[] args) throws InterruptedException {
        boolean createTable = false;
        boolean repeat = false;
        long everySeconds = 0; // 0 with repeat: the cold tier's interval
        long firstAfterSeconds = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--create-table")) {
                createTable = true;
            } else if (args[i].equals("--every")) {
                repeat = true;
                if (i + 1 < args.length && args[i + 1].matches("[1-9][0-9]*")) {
                    everySeconds = Long.parseLong(args[++i]);
                }
            } else if (args[i].equals("--first-after") && i + 1 < args.length && args[i + 1].matches("[0-9]+")) {
                firstAfterSeconds = Long.parseLong(args[++i]);
            } else {
                System.err.println(USAGE);
                System.exit(2);
            }
        }
        ColdRefreshWiring wiring = ColdRefreshWiring.fromEnvironment();
        if (createTable) {
            wiring.store().createTableIfMissing();
            wiring.historyStore().createTableIfMissing();
        }
        ColdRefreshHandler handler = new ColdRefreshHandler(wiring.job());
        if (!repeat) {
            ColdRefreshReport report = invoke(handler);
            System.exit(report.requested() > report.skipped() && report.refreshed() + report.degraded() == 0 ? 1 : 0);
        }
        long periodMs = everySeconds > 0
                ? TimeUnit.SECONDS.toMillis(everySeconds)
                : wiring.coldInterval().toMillis();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        scheduler.scheduleAtFixedRate(
                () -> {
                    try {
                        invoke(handler);
                    } catch (RuntimeException e) {
                        // a failed run must not end the schedule, as it would not end EventBridge's
                        System.err.println("cold refresh run failed: " + e);
                    }
                },
                TimeUnit.SECONDS.toMillis(firstAfterSeconds),
                periodMs,
                TimeUnit.MILLISECONDS);
        scheduler.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
    }

    private static ColdRefreshReport invoke(ColdRefreshHandler handler) {
        ColdRefreshReport report = handler.handleRequest(scheduledEvent(), null);
        System.err.println("cold refresh: " + report);
        return report;
    }

    /** What EventBridge sends for a schedule rule. */
    static ScheduledEvent scheduledEvent() {
        return new ScheduledEvent()
                .withVersion("0")
                .withId(UUID.randomUUID().toString())
                .withDetailType("Scheduled Event")
                .withSource("aws.events")
                .withAccount("000000000000")
                .withTime(DateTime.now(DateTimeZone.UTC))
                .withRegion("local")
                .withResources(List.of("local:rule/pricewire-cold"))
                .withDetail(Map.of());
    }
}
