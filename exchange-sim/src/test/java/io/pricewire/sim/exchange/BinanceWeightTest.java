package io.pricewire.sim.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BinanceWeightTest {
    @Test
    void shouldWeighPriceAndBookTickerTwoForOneSymbolAndFourOtherwise() {
        assertThat(BinanceDialect.weight(get(BinanceDialect.PRICE, Map.of("symbol", "BTCUSDT"))))
                .isEqualTo(2);
        assertThat(BinanceDialect.weight(get(BinanceDialect.PRICE, Map.of()))).isEqualTo(4);
        assertThat(BinanceDialect.weight(get(BinanceDialect.BOOK, Map.of("symbols", symbols(50)))))
                .isEqualTo(4);
    }

    @Test
    void shouldWeighTheDayTickerBySymbolCountWhenSymbolsAreListed() {
        assertThat(BinanceDialect.weight(get(BinanceDialect.DAY, Map.of("symbol", "BTCUSDT"))))
                .isEqualTo(2);
        assertThat(BinanceDialect.weight(get(BinanceDialect.DAY, Map.of("symbols", symbols(20)))))
                .isEqualTo(2);
        assertThat(BinanceDialect.weight(get(BinanceDialect.DAY, Map.of("symbols", symbols(21)))))
                .isEqualTo(40);
        assertThat(BinanceDialect.weight(get(BinanceDialect.DAY, Map.of("symbols", symbols(100)))))
                .isEqualTo(40);
        assertThat(BinanceDialect.weight(get(BinanceDialect.DAY, Map.of("symbols", symbols(101)))))
                .isEqualTo(80);
        assertThat(BinanceDialect.weight(get(BinanceDialect.DAY, Map.of()))).isEqualTo(80);
    }

    @Test
    void shouldRejectSymbolsWhenTheValueIsNotAJsonArrayOfUpperCaseNames() {
        assertThat(BinanceDialect.parseSymbols("[\"BTCUSDT\",\"ETHUSDT\"]")).contains(List.of("BTCUSDT", "ETHUSDT"));
        assertThat(BinanceDialect.parseSymbols("[]")).contains(List.of());
        assertThat(BinanceDialect.parseSymbols("BTCUSDT")).isEmpty();
        assertThat(BinanceDialect.parseSymbols("[\"btcusdt\"]")).isEmpty();
        assertThat(BinanceDialect.parseSymbols("[\"BTCUSDT\", \"ETHUSDT\"]")).isEmpty();
        assertThat(BinanceDialect.parseSymbols("[\"BTCUSDT\"")).isEmpty();
    }

    private static String symbols(int n) {
        return IntStream.range(0, n).mapToObj(i -> "\"S" + i + "USDT\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static SimRequest get(String path, Map<String, String> params) {
        return new SimRequest(
                "GET",
                path,
                params.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                InetAddress.getLoopbackAddress());
    }
}
