package io.pricewire.core.exchange.http;

import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.TickerResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One exchange's tickers, as the refresh engine asks for them: {@link ExchangeClient} in production, an
 * in-memory fake in the engine's unit tests. It lives beside the client, not in the refresh package, because
 * its calls name a {@link Lane} and the client must not depend on the engine.
 */
@FunctionalInterface
public interface TickerSource {
    /**
     * Fetches tickers for {@code listings}, drawing on {@code lane}'s rate budget and completing within
     * {@code budget} with what arrived by then; never completes exceptionally (failures are in the response).
     */
    CompletableFuture<TickerResponse> fetch(List<Listing> listings, Duration budget, Lane lane);
}
