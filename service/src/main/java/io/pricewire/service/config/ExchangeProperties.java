package io.pricewire.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.pricewire.core.exchange.ExchangeId;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How the exchanges are called ({@code pricewire.exchanges.*}).
 *
 * @param binance        Binance's base URL ({@code BINANCE_URL}); unset = {@link ExchangeId#defaultBaseUrl()}, as for the others
 * @param coinbase       Coinbase's base URL ({@code COINBASE_URL})
 * @param kraken         Kraken's base URL ({@code KRAKEN_URL})
 * @param okx            OKX's base URL ({@code OKX_URL})
 * @param requestTimeout the longest one exchange call may take
 * @param breakerOpenFor how long an open circuit breaker rejects calls before a trial call
 * @param rateLimitScale what the exchanges' published rate limits are multiplied by: 1 in production; more only
 *                       against an exchange-sim whose limits are raised as much
 */
@ConfigurationProperties("pricewire.exchanges")
public record ExchangeProperties(
        @Nullable String binance,
        @Nullable String coinbase,
        @Nullable String kraken,
        @Nullable String okx,
        Duration requestTimeout,
        Duration breakerOpenFor,
        double rateLimitScale) {

    /** Every exchange's base URL: the configured one, else the exchange's own API. */
    public Map<ExchangeId, URI> baseUrls() {
        return ExchangeId.baseUrls(e -> switch (e) {
            case BINANCE -> binance;
            case COINBASE -> coinbase;
            case KRAKEN -> kraken;
            case OKX -> okx;
        });
    }
}
