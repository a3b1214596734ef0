package io.pricewire.service.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.history.Candle;
import io.pricewire.core.history.HistoryReader;
import io.pricewire.core.history.Resolution;
import io.pricewire.core.store.PriceStore;
import io.pricewire.service.errors.ApiException;
import io.pricewire.service.errors.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/prices/{symbol}/history}: an asset's candles from the price history table (docs/architecture.md §3,
 * "Price history"). Blocking (one DynamoDB Query), so on the blocking executor, never the event loop; behind the same
 * rate-limit filter as every {@code /v1} route.
 */
@Controller("/v1/prices")
@Tag(name = "prices")
class HistoryController {
    /** At most this many points per answer: 24 h of minutes fit, with an hour to spare. */
    static final int MAX_POINTS = 1_500;

    /** The range asked for when {@code from} is not given: a day of minutes, a month of hours, a year of days. */
    static final Map<Resolution, Duration> DEFAULT_SPAN = Map.of(
            Resolution.MINUTE, Duration.ofHours(24),
            Resolution.HOUR, Duration.ofDays(30),
            Resolution.DAY, Duration.ofDays(365));

    /** A shared cache may keep an answer this long: the newest minute bucket is written about a minute late anyway. */
    private static final String CACHE_CONTROL = "public, max-age=10";

    private static final Logger LOG = LoggerFactory.getLogger(HistoryController.class);

    private final Symbols symbols;
    private final HistoryReader history;
    private final Clock clock;

    HistoryController(Symbols symbols, HistoryReader history, Clock clock) {
        this.symbols = symbols;
        this.history = history;
        this.clock = clock;
    }

    @Get(uri = "/{symbol}/history", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            summary = "An asset's price history: open, high, low and close per minute, hour or day",
            description = "Buckets whose start lies in [from, to], oldest first, at most " + MAX_POINTS
                    + " (a longer range is refused with 400). Defaults: interval 1m; to = now; from = to minus 24 h"
                    + " (1m), 30 days (1h) or 365 days (1d). Minutes are kept 48 h, hours a year, days forever."
                    + " The cold tier has one point per 5 minutes.")
    @ApiResponse(
            responseCode = "200",
            description = "the history",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = HistoryResponse.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.UnknownSymbol
    @ErrorResponses.RateLimited
    @ErrorResponses.Unavailable
    HttpResponse<HistoryResponse> history(
            @Parameter(description = "asset symbol, case-insensitive") @PathVariable String symbol,
            @Parameter(description = "bucket width: 1m, 1h or 1d (default 1m)") @Nullable @QueryValue("interval")
                    String interval,
            @Parameter(description = "ISO-8601 time, e.g. 2026-11-26T12:00:00Z (default: to minus the interval's span)")
                    @Nullable
                    @QueryValue("from")
                    String from,
            @Parameter(description = "ISO-8601 time (default: now)") @Nullable @QueryValue("to") String to) {
        Asset asset = symbols.resolve(symbol);
        Resolution resolution = resolution(interval);
        Instant end = to == null ? clock.instant() : time("to", to);
        Instant start = from == null ? end.minus(DEFAULT_SPAN.get(resolution)) : time("from", from);
        if (start.isAfter(end)) {
            throw ApiException.invalidRequest("from must not be after to.");
        }
        long points = points(resolution, start, end);
        if (points > MAX_POINTS) {
            throw ApiException.invalidRequest("The range holds " + points + " " + resolution.code()
                    + " buckets; at most " + MAX_POINTS + " are answered: narrow it or use a wider interval.");
        }
        try {
            List<Candle> candles = history.candles(asset.symbol(), resolution, start, end, MAX_POINTS);
            HistoryResponse body = new HistoryResponse(
                    asset.symbol(),
                    resolution.code(),
                    candles.stream()
                            .map(c -> new HistoryResponse.Point(
                                    c.start(),
                                    c.open().toPlainString(),
                                    c.high().toPlainString(),
                                    c.low().toPlainString(),
                                    c.close().toPlainString()))
                            .toList());
            return HttpResponse.ok(body).header("Cache-Control", CACHE_CONTROL);
        } catch (PriceStore.StoreException e) {
            LOG.warn("history of {} not read: {}", asset.symbol(), e.getMessage());
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "The price history cannot be read now; try again.");
        }
    }

    private static Resolution resolution(String interval) {
        if (interval == null) {
            return Resolution.MINUTE;
        }
        return Resolution.ofCode(interval)
                .orElseThrow(() -> ApiException.invalidRequest("interval must be 1m, 1h or 1d."));
    }

    private static Instant time(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidRequest(name + " must be an ISO-8601 time such as 2026-11-26T12:00:00Z.");
        }
    }

    /** How many buckets start in {@code [from, to]}. */
    static long points(Resolution resolution, Instant from, Instant to) {
        long width = resolution.width().toMillis();
        long first = Math.ceilDiv(from.toEpochMilli(), width);
        long last = Math.floorDiv(to.toEpochMilli(), width);
        return Math.max(0, last - first + 1);
    }
}
