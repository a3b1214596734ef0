package io.pricewire.service.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Quote;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuoteBookTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    private final QuoteBook book = new QuoteBook();

    @BeforeEach
    void track() {
        book.track(Set.of("BTC", "ETH"));
    }

    @Test
    void shouldKeepTheNewestQuotePerExchangeWhicheverSourceSawIt() {
        assertThat(book.offer(quote(ExchangeId.OKX, "100", 0).build(), true)).isTrue();
        assertThat(book.offer(quote(ExchangeId.OKX, "101", 2).build(), false)).isTrue();
        assertThat(book.offer(quote(ExchangeId.OKX, "99", 1).build(), true))
                .as("older than the REST quote")
                .isFalse();
        assertThat(book.offer(quote(ExchangeId.OKX, "101", 2).build(), true))
                .as("the same reading again")
                .isFalse();
        assertThat(book.offer(quote(ExchangeId.OKX, "102", 2).build(), true))
                .as("a new price at the same time")
                .isTrue();
        assertThat(book.offer(quote(ExchangeId.KRAKEN, "103", 0).build(), true)).isTrue();

        assertThat(book.quotes("BTC"))
                .extracting(Quote::exchange, q -> q.price().toPlainString())
                .containsExactlyInAnyOrder(tuple(ExchangeId.OKX, "102"), tuple(ExchangeId.KRAKEN, "103"));
        assertThat(book.streamedCount("BTC")).isEqualTo(2);
    }

    @Test
    void shouldDropOnlyTheStreamedQuotesOfAnExchangeThatStoppedContributing() {
        book.offer(quote(ExchangeId.OKX, "100", 0).build(), true);
        book.offer(quote(ExchangeId.KRAKEN, "101", 0).build(), true);
        book.offer(quote(ExchangeId.COINBASE, "102", 0).build(), false);
        book.offer(quote(ExchangeId.COINBASE, "99", 0).withSymbol("ETH").build(), true);

        book.dropStreamed(ExchangeId.OKX);
        book.dropStreamed(ExchangeId.COINBASE);

        assertThat(book.quotes("BTC"))
                .extracting(Quote::exchange)
                .containsExactlyInAnyOrder(ExchangeId.KRAKEN, ExchangeId.COINBASE);
        assertThat(book.quotes("ETH")).isEmpty();
        // the REST quote stands in until the stream has a newer one
        assertThat(book.offer(quote(ExchangeId.COINBASE, "104", 1).build(), true))
                .isTrue();
        assertThat(book.streamedCount("BTC")).isEqualTo(2);
    }

    @Test
    void shouldRefuseUntrackedAssetsAndForgetThoseNoLongerTracked() {
        assertThat(book.offer(quote(ExchangeId.OKX, "1", 0).withSymbol("DOGE").build(), true))
                .isFalse();
        book.offer(quote(ExchangeId.OKX, "2", 0).withSymbol("ETH").build(), true);

        book.track(Set.of("BTC"));

        assertThat(book.quotes("DOGE")).isEmpty();
        assertThat(book.quotes("ETH")).isEmpty();
        assertThat(book.isTracked("ETH")).isFalse();
    }

    private static TestQuote quote(ExchangeId exchange, String price, int seconds) {
        return new TestQuote(exchange, "BTC", price, seconds);
    }

    /** A quote under construction: BTC unless said otherwise. */
    private record TestQuote(ExchangeId exchange, String symbol, String price, int seconds) {
        TestQuote withSymbol(String other) {
            return new TestQuote(exchange, other, price, seconds);
        }

        Quote build() {
            return new Quote(exchange, symbol, new BigDecimal(price), "USD", T0.plusSeconds(seconds), null);
        }
    }
}
