package io.pricewire.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Base URLs of the exchanges ({@code pricewire.exchanges.*}) and how they are called. */
@ConfigurationProperties("pricewire.exchanges")
public record ExchangeProperties(String binance, String coinbase, String kraken, String okx, Duration requestTimeout) {
}
