package io.pricewire.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Base URLs of the exchanges ({@code pricewire.exchanges.*}) and how they are called.
 *
 * @param requestTimeout the longest one exchange call may take
 * @param breakerOpenFor how long an open circuit breaker rejects calls before a trial call
 */
@ConfigurationProperties("pricewire.exchanges")
public record ExchangeProperties(String binance, String coinbase, String kraken, String okx, Duration requestTimeout,
                                 Duration breakerOpenFor) {
}
