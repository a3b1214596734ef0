package io.pricewire.service.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.pricewire.service.errors.ApiException;
import io.pricewire.service.errors.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /v1/stream}: its contract, and its errors. A valid stream request on an HTTP/1.1 connection never gets
 * here: the push package's Netty handler starts the stream in front of Micronaut (one open response per connection,
 * written by the event loop itself, is what lets an instance hold ten thousand of them). What reaches this method is
 * what that handler leaves to Micronaut: invalid requests, which get the batch GET's validation and errors, clients
 * over their rate limit (the filter answers 429 before this), and a stream asked for where it cannot start.
 */
@Controller("/v1/stream")
@Tag(name = "prices")
class StreamController {
    private final Symbols symbols;

    StreamController(Symbols symbols) {
        this.symbols = symbols;
    }

    @Get(produces = {MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Server-Sent Events: every new price of 1 to 100 assets, or of the hot tier",
            description = "Give `symbols` (as for the batch GET) or `tier=hot` (the hot tier, followed as demand "
                    + "changes it: `event: subscribed` comes again with the new list, then the current price of each "
                    + "symbol that joined). The stream opens with `retry: 500` and `event: subscribed` (`data: "
                    + "{\"symbols\":[…],\"unknown\":[…]}`), then sends the current price of every symbol (the snapshot), "
                    + "then one `event: price` per new aggregate: `id: <SYMBOL>:<epoch ms>`, `data:` the JSON of "
                    + "`GET /v1/prices/{symbol}`, `ageMs` as of the moment the price arrived. A client that falls "
                    + "behind gets the latest price per symbol (intermediate ones are dropped); one that takes nothing "
                    + "for 10 s gets `event: error` (`slow_consumer`) and is closed. A comment line (`: heartbeat`) "
                    + "comes after 15 s without an event. A shutdown or the 24 h limit sends `event: reconnect` before "
                    + "closing. On reconnect (with or without `Last-Event-ID`) the snapshot comes first again: the "
                    + "latest price per symbol is all a client can have missed.")
    @ApiResponse(
            responseCode = "200",
            description = "the stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM, schema = @Schema(type = "string")))
    @ErrorResponses.BadRequest
    @ErrorResponses.UnknownSymbol
    @ErrorResponses.RateLimited
    @ErrorResponses.Unavailable
    Object stream(
            @Parameter(description = "comma-separated symbols, 1 to 100") @Nullable @QueryValue("symbols") String list,
            @Parameter(description = "`hot`: the hot tier's assets, instead of `symbols`") @Nullable @QueryValue("tier")
                    String tier) {
        if ((list == null) == (tier == null)) {
            throw ApiException.invalidRequest("Give either the query parameter symbols or tier=hot.");
        }
        if (tier != null && !tier.equals("hot")) {
            throw ApiException.invalidRequest("Only tier=hot can be streamed; list other assets under symbols.");
        }
        if (list != null) {
            Symbols.Batch batch = symbols.batch(list);
            if (batch.known().isEmpty()) {
                throw ApiException.unknownSymbol(batch.unknown().get(0));
            }
        }
        throw new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "unavailable",
                "A stream starts only on an HTTP/1.1 connection with no other request pending on it.");
    }
}
