package io.pricewire.core.price;

import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.ExchangeId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Test data. */
public final class Prices {
    private Prices() {}

    public static Price price(String symbol, String value, Instant at) {
        return new Price(
                symbol,
                "USD",
                new BigDecimal(value),
                at,
                Tier.HOT,
                PriceStatus.OK,
                List.of(
                        new SourcePrice(ExchangeId.BINANCE, new BigDecimal(value), at),
                        new SourcePrice(ExchangeId.KRAKEN, new BigDecimal(value), at)),
                List.of(new RejectedQuote(ExchangeId.OKX, new BigDecimal("1.5"), "outlier")));
    }
}
