package io.pricewire.core.price;

import io.pricewire.core.asset.Tier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The aggregate price of one asset.
 *
 * @param symbol      canonical symbol
 * @param currency    always {@code USD} today
 * @param price       the aggregate
 * @param timestamp   when the aggregate was computed (epoch ms precision); newer wins everywhere
 * @param refreshedAs the tier the asset was refreshed as: it chose the cache TTL, and it is what the table's
 *                    {@code tier} attribute holds. Not the tier an answer shows: the API answers with the asset's
 *                    tier at the time of the read, which demand may have changed since.
 * @param status      ok or degraded (below quorum)
 * @param sources     the quotes used
 * @param rejected    the quotes left out, with reasons
 * @param change24h   the percent change against the price 24 hours before, two decimals; null when there is no
 *                    history that old (set by the publisher, {@code io.pricewire.core.history.PriceHistory})
 */
public record Price(
        String symbol,
        String currency,
        BigDecimal price,
        Instant timestamp,
        Tier refreshedAs,
        PriceStatus status,
        List<SourcePrice> sources,
        List<RejectedQuote> rejected,
        BigDecimal change24h) {
    public Price {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(refreshedAs, "refreshedAs");
        Objects.requireNonNull(status, "status");
        timestamp = Instant.ofEpochMilli(timestamp.toEpochMilli());
        sources = List.copyOf(sources);
        rejected = List.copyOf(rejected);
    }

    /** A price without {@code change24h}: as aggregated, before the publisher looks up the price 24 hours before. */
    public Price(
            String symbol,
            String currency,
            BigDecimal price,
            Instant timestamp,
            Tier refreshedAs,
            PriceStatus status,
            List<SourcePrice> sources,
            List<RejectedQuote> rejected) {
        this(symbol, currency, price, timestamp, refreshedAs, status, sources, rejected, null);
    }

    /** This price with {@code change24h} (null: none). */
    public Price withChange24h(BigDecimal change) {
        return new Price(symbol, currency, price, timestamp, refreshedAs, status, sources, rejected, change);
    }

    /** Age of the price at {@code now}, never negative. */
    public Duration age(Instant now) {
        Duration d = Duration.between(timestamp, now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    public boolean isNewerThan(Price other) {
        return other == null || timestamp.isAfter(other.timestamp);
    }
}
