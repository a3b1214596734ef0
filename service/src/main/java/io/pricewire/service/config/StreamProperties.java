package io.pricewire.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.pricewire.core.exchange.ExchangeId;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The exchanges' WebSocket streams ({@code pricewire.streams.*}), which feed the hot tier between the 5 s tickers.
 *
 * @param enabled          whether this instance competes for the stream lease at all ({@code PRICEWIRE_STREAMS_ENABLED})
 * @param binance          Binance's stream base URL ({@code BINANCE_STREAM_URL}); unset = derived, see {@link #baseUrls}
 * @param coinbase         Coinbase's ({@code COINBASE_STREAM_URL})
 * @param kraken           Kraken's ({@code KRAKEN_STREAM_URL})
 * @param okx              OKX's ({@code OKX_STREAM_URL})
 * @param publishInterval  an asset is published at most once per this interval, whatever the number of quotes
 * @param gather           how long the first changed quote waits for the other exchanges' quotes of the same market move
 * @param silentAfter      a stream with neither data nor heartbeat for this long is dead: it is dropped and reconnected
 * @param staleAfter       a quote whose event time is this much older than its arrival does not count; a stream with
 *                         no younger quote for this long stops contributing until it has one
 * @param leaseTtl         the stream lease's time to live: a dead holder is replaced within it plus {@code leaseRenew}
 * @param leaseRenew       how often the holder renews the lease, and others ask for it
 * @param reconnectMin     the first reconnect delay, doubled per failed attempt with ±50 % jitter
 * @param reconnectMax     the longest reconnect delay
 * @param maxConnectionAge a connection is replaced once this old, before Binance's 24 h cut
 * @param pingInterval     how often the application-level ping goes out where the exchange has one (Kraken, OKX)
 */
@ConfigurationProperties("pricewire.streams")
public record StreamProperties(
        boolean enabled,
        @Nullable String binance,
        @Nullable String coinbase,
        @Nullable String kraken,
        @Nullable String okx,
        Duration publishInterval,
        Duration gather,
        Duration silentAfter,
        Duration staleAfter,
        Duration leaseTtl,
        Duration leaseRenew,
        Duration reconnectMin,
        Duration reconnectMax,
        Duration maxConnectionAge,
        Duration pingInterval) {

    /** The exchanges' own stream hosts, used when neither a stream URL nor another REST base URL is configured. */
    private static final Map<ExchangeId, URI> REAL = Map.of(
            ExchangeId.BINANCE, URI.create("wss://stream.binance.com:9443"),
            ExchangeId.COINBASE, URI.create("wss://ws-feed.exchange.coinbase.com"),
            ExchangeId.KRAKEN, URI.create("wss://ws.kraken.com"),
            ExchangeId.OKX, URI.create("wss://ws.okx.com:8443"));

    /**
     * Every exchange's stream base URL: the configured one; else, when the exchange's REST base URL points elsewhere
     * than the real exchange (exchange-sim, which serves both on one port), that URL as {@code ws(s)://}; else the
     * exchange's own stream host.
     */
    public Map<ExchangeId, URI> baseUrls(Map<ExchangeId, URI> restBaseUrls) {
        Map<ExchangeId, URI> urls = new EnumMap<>(ExchangeId.class);
        for (ExchangeId e : ExchangeId.values()) {
            urls.put(e, baseUrl(e, restBaseUrls.get(e)));
        }
        return urls;
    }

    private URI baseUrl(ExchangeId exchange, URI rest) {
        String configured = switch (exchange) {
            case BINANCE -> binance;
            case COINBASE -> coinbase;
            case KRAKEN -> kraken;
            case OKX -> okx;
        };
        if (configured != null && !configured.isBlank()) {
            return URI.create(configured.trim());
        }
        if (rest != null && !rest.equals(exchange.defaultBaseUrl())) {
            String scheme = "https".equals(rest.getScheme()) ? "wss" : "ws";
            return URI.create(scheme + "://" + rest.getRawAuthority());
        }
        return REAL.get(exchange);
    }
}
