package io.pricewire.lambda.coldrefresh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pricewire.core.exchange.ExchangeId;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * Writes a run's metrics as one CloudWatch Embedded Metric Format line. CloudWatch Logs turns
 * such a line into metrics as it ingests the log, so the function needs no PutMetricData call,
 * no extra permission and no time of its own for them.
 */
final class EmfLogger {
    static final String NAMESPACE = "Pricewire";
    static final String DIMENSION = "Function";
    static final String FUNCTION = "cold-refresh";
    static final String EXCHANGE_ERRORS_PREFIX = "ExchangeErrors_";
    private static final JsonFactory JSON = new JsonFactory();

    private final PrintStream out;

    /** @param out where the line goes: {@code System.out} in Lambda, whose lines CloudWatch Logs reads */
    EmfLogger(PrintStream out) {
        this.out = out;
    }

    /**
     * Logs {@code report} as metrics stamped {@code at}, with one {@code ExchangeErrors_<exchange>}
     * metric for every exchange, zero included, so an alarm on it never sees missing data.
     *
     * @param failedBatches per exchange, how many of the run's batches it failed in
     */
    void log(ColdRefreshReport report, Map<ExchangeId, Integer> failedBatches, Instant at) {
        StringWriter line = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(line)) {
            g.writeStartObject();
            g.writeObjectFieldStart("_aws");
            g.writeNumberField("Timestamp", at.toEpochMilli());
            g.writeArrayFieldStart("CloudWatchMetrics");
            g.writeStartObject();
            g.writeStringField("Namespace", NAMESPACE);
            g.writeArrayFieldStart("Dimensions");
            g.writeStartArray();
            g.writeString(DIMENSION);
            g.writeEndArray();
            g.writeEndArray();
            g.writeArrayFieldStart("Metrics");
            metric(g, "ColdRefreshed", "Count");
            metric(g, "ColdDegraded", "Count");
            metric(g, "ColdFailed", "Count");
            metric(g, "ColdSkipped", "Count");
            metric(g, "ColdRefreshDuration", "Milliseconds");
            for (ExchangeId exchange : ExchangeId.values()) {
                metric(g, EXCHANGE_ERRORS_PREFIX + exchange.label(), "Count");
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeStringField(DIMENSION, FUNCTION);
            g.writeNumberField("ColdRefreshed", report.refreshed());
            g.writeNumberField("ColdDegraded", report.degraded());
            g.writeNumberField("ColdFailed", report.failed());
            g.writeNumberField("ColdSkipped", report.skipped());
            g.writeNumberField("ColdRefreshDuration", report.durationMs());
            for (ExchangeId exchange : ExchangeId.values()) {
                g.writeNumberField(EXCHANGE_ERRORS_PREFIX + exchange.label(), failedBatches.getOrDefault(exchange, 0));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // one println: the line must reach the log whole, never interleaved with other output
        out.println(line);
        out.flush();
    }

    private static void metric(JsonGenerator g, String name, String unit) throws IOException {
        g.writeStartObject();
        g.writeStringField("Name", name);
        g.writeStringField("Unit", unit);
        g.writeEndObject();
    }
}
