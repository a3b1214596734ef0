package io.pricewire.core.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceStatus;
import io.pricewire.core.price.SourcePrice;
import io.pricewire.core.store.InMemoryPriceStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stablecoin rates: the peg rule, their age, and the store as the fallback, with an in-memory store. */
class FxRateBookTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final InMemoryPriceStore store = new InMemoryPriceStore();
    private final FxRateBook book = new FxRateBook(store);

    @ParameterizedTest
    @CsvSource({
        "OK, 0.90, true", "OK, 1.10, true", "OK, 0.89, false", "OK, 1.11, false",
        "DEGRADED, 0.98, true", "DEGRADED, 1.02, true", "DEGRADED, 0.97, false", "DEGRADED, 1.05, false"
    })
    void shouldTrustAConsensusWithin10PercentOfThePegAndASingleSourceWithin2(
            PriceStatus status, String usd, boolean usable) {
        assertThat(book.offer(usdt(usd, NOW, status))).isEqualTo(usable);
        assertThat(book.rates().usdPerUnit("USDT").isPresent()).isEqualTo(usable);
    }

    @Test
    void shouldKeepTheLastGoodRateWhenAnAggregateIsOffThePeg() {
        book.offer(usdt("0.999", NOW, PriceStatus.OK));

        assertThat(book.offer(usdt("1.30", NOW.plusSeconds(5), PriceStatus.DEGRADED)))
                .isFalse();

        assertThat(book.rates().usdPerUnit("USDT"))
                .hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.999"));
    }

    @Test
    void shouldTakeNoRateFromAnAssetThatIsNoStablecoin() {
        assertThat(book.offer(price("BTC", "1.00", NOW, PriceStatus.OK))).isFalse();
        assertThat(book.rates().usdPerUnit("BTC")).isEmpty();
    }

    @Test
    void shouldFetchNoStablecoinTheBatchHolds() {
        assertThat(book.toFetch(Set.of("USDT", "USDC", "BTC"), NOW)).isEmpty();
    }

    @Test
    void shouldFetchBothStablecoinsWhenNeitherTheBookNorTheStoreHasARate() {
        assertThat(book.toFetch(Set.of("BTC"), NOW)).containsExactly("USDT", "USDC");
    }

    @Test
    void shouldFetchOnlyTheStablecoinWhoseRateIsOlderThanTenMinutes() {
        book.offer(usdt("1.00", NOW.minus(FxRateBook.MAX_AGE), PriceStatus.OK));
        book.offer(price("USDC", "1.00", NOW.minus(FxRateBook.MAX_AGE).minusMillis(1), PriceStatus.OK));

        assertThat(book.toFetch(Set.of("BTC"), NOW)).containsExactly("USDC");
        assertThat(book.rates().usdPerUnit("USDC"))
                .as("converting with it meanwhile")
                .isPresent();
    }

    @Test
    void shouldTakeTheStoresRecentRatesInsteadOfFetching() {
        store.putIfNewer(usdt("0.97", NOW.minus(Duration.ofMinutes(5)), PriceStatus.OK));
        store.putIfNewer(price("USDC", "1.00", NOW.minus(Duration.ofMinutes(5)), PriceStatus.OK));

        assertThat(book.toFetch(Set.of("BTC"), NOW)).isEmpty();
        assertThat(book.rates().usdPerUnit("USDT"))
                .hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.97"));
    }

    @Test
    void shouldFetchWhatTheStoreHasOnlyTooOldOrOffThePeg() {
        store.putIfNewer(usdt("1.00", NOW.minus(Duration.ofMinutes(11)), PriceStatus.OK));
        store.putIfNewer(price("USDC", "1.05", NOW, PriceStatus.DEGRADED));

        assertThat(book.toFetch(Set.of("BTC"), NOW)).containsExactly("USDT", "USDC");
        assertThat(book.rates().usdPerUnit()).isEmpty();
    }

    @Test
    void shouldFetchBothWhenTheStoreCannotBeRead() {
        store.down(true);

        assertThat(book.toFetch(Set.of("BTC"), NOW)).containsExactly("USDT", "USDC");
    }

    private static Price usdt(String usd, Instant at, PriceStatus status) {
        return price("USDT", usd, at, status);
    }

    private static Price price(String symbol, String usd, Instant at, PriceStatus status) {
        BigDecimal value = new BigDecimal(usd);
        List<SourcePrice> sources = status == PriceStatus.OK
                ? List.of(
                        new SourcePrice(ExchangeId.COINBASE, value, at), new SourcePrice(ExchangeId.KRAKEN, value, at))
                : List.of(new SourcePrice(ExchangeId.COINBASE, value, at));
        return new Price(symbol, "USD", value, at, Tier.HOT, status, sources, List.of());
    }
}
