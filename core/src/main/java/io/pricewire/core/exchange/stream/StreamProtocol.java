package io.pricewire.core.exchange.stream;

import io.pricewire.core.exchange.ExchangeAdapters;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One exchange's public WebSocket ticker stream: where it is, what to send, how to read what comes back. Pure: no
 * I/O and no clock reads — the caller owns the connection and says when each message arrived. Implementations are
 * stateless and thread-safe.
 */
public interface StreamProtocol {

    ExchangeId exchange();

    /**
     * Path (and query) of the stream on the exchange's base URL: Binance {@code /stream}, Coinbase {@code /}, Kraken
     * {@code /v2}, OKX {@code /ws/v5/public}.
     */
    String path();

    /**
     * The name a listing's ticks carry: Binance {@code BTCUSDT} (payload {@code s}), Coinbase {@code BTC-USD},
     * Kraken v2 {@code BTC/USD} (ISO codes: canonical symbol + "/" + quote currency, never XBT), OKX
     * {@code BTC-USDT}.
     */
    default String streamName(Listing listing) {
        return listing.pair();
    }

    /**
     * The listing's quote currency when Pricewire converts it (USD, USDT, USDC), else {@code null} — the same rule as
     * the REST adapters.
     */
    default String currency(Listing listing) {
        return ExchangeAdapters.quoteCurrency(exchange(), listing);
    }

    /**
     * Messages to send right after connecting, before any subscribe (Binance: one SUBSCRIBE of
     * {@code !miniTicker@arr}, which carries every symbol, so Binance subscribes nothing per listing; others:
     * empty).
     */
    default List<String> onConnect() {
        return List.of();
    }

    /**
     * Messages subscribing the ticker channel for {@code listings} (for Coinbase: channels ticker and heartbeat),
     * each name once, split so each message stays within the exchange's limits; empty for no listings or for
     * Binance.
     */
    List<String> subscribe(List<Listing> listings);

    /** Messages unsubscribing them; empty for no listings or for Binance. */
    List<String> unsubscribe(List<Listing> listings);

    /**
     * The application-level ping to send on a timer (Kraken {@code {"method":"ping"}}, OKX the text {@code ping}),
     * empty where the exchange needs none (Binance uses ping frames; Coinbase has the heartbeat channel).
     */
    default Optional<String> ping() {
        return Optional.empty();
    }

    /** Reads one complete text message. Never throws: anything unreadable is {@link StreamMessage.Kind#MALFORMED}. */
    StreamMessage parse(String text, Instant receivedAt);
}
