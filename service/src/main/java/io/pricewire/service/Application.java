package io.pricewire.service;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(
        info =
                @Info(
                        title = "pricewire",
                        version = "1",
                        description =
                                "Real-time aggregated crypto prices: one USD price per asset from Binance, Coinbase, Kraken and OKX."))
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
