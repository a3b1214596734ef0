package io.pricewire.lambda.coldrefresh;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;

/**
 * The cold-tier refresher, invoked by EventBridge {@code rate(5 minutes)}:
 * scheduled event → one cold run → its report as the invocation result. Handler string:
 * {@code io.pricewire.lambda.coldrefresh.ColdRefreshHandler::handleRequest}.
 */
public final class ColdRefreshHandler implements RequestHandler<ScheduledEvent, ColdRefreshReport> {
    private final ColdRefreshJob job;

    /**
     * Used by the Lambda runtime: wires everything from the environment once per execution
     * environment, during init, so SnapStart can snapshot it.
     */
    public ColdRefreshHandler() {
        this(ColdRefreshWiring.fromEnvironment().job());
    }

    ColdRefreshHandler(ColdRefreshJob job) {
        this.job = job;
    }

    @Override
    public ColdRefreshReport handleRequest(ScheduledEvent event, Context context) {
        String runId = event == null || event.getId() == null ? "unscheduled" : event.getId();
        Duration timeLeft = context == null ? null : Duration.ofMillis(context.getRemainingTimeInMillis());
        return job.run(runId, timeLeft);
    }
}
