package io.pricewire.sim;

import static io.pricewire.sim.BinanceApiTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.exchange.ExchangeId;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pair delisted through the control API, seen through each exchange's single, list and whole-market
 * ticker calls and its listing endpoint; then relisted.
 */
class DelistingTest extends SteppedSimTest {
    private static final String INVALID_SYMBOL = "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}";
    private static final String UNKNOWN_PAIR = "{\"error\":[\"EQuery:Unknown asset pair\"]}";
    private static final String NO_INSTRUMENT =
            "{\"code\":\"51001\",\"msg\":\"Instrument ID does not exist\",\"data\":[]}";

    private URI control;

    DelistingTest() {
        super("2026-03-01T12:00:00Z", c -> c.withRateLimitsEnforced(false));
    }

    @BeforeEach
    void readControlUri() {
        control = sim.controlUri();
    }

    @Test
    void shouldRejectTheDelistedSymbolAloneOrInAListAndMarkItBreakWhenBinanceDelistsIt() {
        URI binance = sim.baseUri(ExchangeId.BINANCE);
        delist("binance", "BTC");

        HttpResponse<String> single = client.get(binance, "/api/v3/ticker/price?symbol=BTCUSDT");
        assertThat(single.statusCode()).isEqualTo(400);
        assertThat(single.body()).isEqualTo(INVALID_SYMBOL);
        HttpResponse<String> list =
                client.get(binance, "/api/v3/ticker/24hr?symbols=" + SimClient.encode("[\"ETHUSDT\",\"BTCUSDT\"]"));
        assertThat(list.statusCode()).isEqualTo(400);
        assertThat(list.body()).isEqualTo(INVALID_SYMBOL);
        assertThat(binanceSymbols(client.getJson(binance, "/api/v3/ticker/bookTicker")))
                .contains("ETHUSDT")
                .doesNotContain("BTCUSDT");

        // Binance keeps a delisted pair in exchangeInfo with status BREAK
        JsonNode info = client.getJson(binance, "/api/v3/exchangeInfo?symbol=BTCUSDT")
                .get("symbols")
                .get(0);
        assertThat(info.get("status").asText()).isEqualTo("BREAK");
        assertThat(binanceSymbols(client.getJson(binance, "/api/v3/exchangeInfo?symbolStatus=TRADING")
                        .get("symbols")))
                .contains("ETHUSDT")
                .doesNotContain("BTCUSDT");
        assertThat(binanceSymbols(client.getJson(binance, "/api/v3/exchangeInfo?symbolStatus=BREAK")
                        .get("symbols")))
                .containsExactly("BTCUSDT");

        relist("binance", "BTC");
        assertThat(client.get(binance, "/api/v3/ticker/price?symbol=BTCUSDT").statusCode())
                .isEqualTo(200);
        assertThat(client.get(binance, "/api/v3/ticker/24hr?symbols=" + SimClient.encode("[\"ETHUSDT\",\"BTCUSDT\"]"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(binanceSymbols(client.getJson(binance, "/api/v3/ticker/bookTicker")))
                .contains("BTCUSDT");
        assertThat(client.getJson(binance, "/api/v3/exchangeInfo?symbol=BTCUSDT")
                        .get("symbols")
                        .get(0)
                        .get("status")
                        .asText())
                .isEqualTo("TRADING");
    }

    @Test
    void shouldAnswerNotFoundForTheTickerAndShowTheProductDelistedWhenCoinbaseDelistsIt() {
        URI coinbase = sim.baseUri(ExchangeId.COINBASE);
        delist("coinbase", "btc");

        HttpResponse<String> ticker = client.get(coinbase, "/products/BTC-USD/ticker");
        assertThat(ticker.statusCode()).isEqualTo(404);
        assertThat(ticker.body()).isEqualTo("{\"message\":\"NotFound\"}");
        assertThat(client.get(coinbase, "/products/ETH-USD/ticker").statusCode())
                .isEqualTo(200);
        JsonNode product = client.getJson(coinbase, "/products/BTC-USD");
        assertThat(product.get("status").asText()).isEqualTo("delisted");
        assertThat(product.get("trading_disabled").asBoolean()).isTrue();
        JsonNode listed = productById(client.getJson(coinbase, "/products"), "BTC-USD");
        assertThat(listed.get("status").asText()).isEqualTo("delisted");

        relist("coinbase", "BTC");
        assertThat(client.get(coinbase, "/products/BTC-USD/ticker").statusCode())
                .isEqualTo(200);
        assertThat(client.getJson(coinbase, "/products/BTC-USD").get("status").asText())
                .isEqualTo("online");
    }

    @Test
    void shouldFailEveryCallNamingThePairAndDropItFromBothEndpointsWhenKrakenDelistsIt() {
        URI kraken = sim.baseUri(ExchangeId.KRAKEN);
        delist("kraken", "BTC");

        for (String query : List.of("pair=XBTUSD", "pair=XXBTZUSD", "pair=ETHUSD,XBTUSD,SOLUSD")) {
            HttpResponse<String> ticker = client.get(kraken, "/0/public/Ticker?" + query);
            assertThat(ticker.statusCode()).as(query).isEqualTo(200);
            assertThat(ticker.body()).as(query).isEqualTo(UNKNOWN_PAIR);
            assertThat(client.get(kraken, "/0/public/AssetPairs?" + query).body())
                    .as(query)
                    .isEqualTo(UNKNOWN_PAIR);
        }
        assertThat(fieldNames(client.getJson(kraken, "/0/public/Ticker").get("result")))
                .contains("XETHZUSD")
                .doesNotContain("XXBTZUSD");
        assertThat(fieldNames(client.getJson(kraken, "/0/public/AssetPairs").get("result")))
                .contains("XETHZUSD")
                .doesNotContain("XXBTZUSD");

        relist("kraken", "BTC");
        assertThat(fieldNames(client.getJson(kraken, "/0/public/Ticker?pair=ETHUSD,XBTUSD,SOLUSD")
                        .get("result")))
                .containsExactly("XETHZUSD", "XXBTZUSD", "SOLUSD");
        assertThat(fieldNames(client.getJson(kraken, "/0/public/AssetPairs").get("result")))
                .contains("XXBTZUSD");
    }

    @Test
    void shouldAnswerInstrumentUnknownAndDropItFromTickersAndInstrumentsWhenOkxDelistsIt() {
        URI okx = sim.baseUri(ExchangeId.OKX);
        delist("okx", "BTC");

        HttpResponse<String> ticker = client.get(okx, "/api/v5/market/ticker?instId=BTC-USDT");
        assertThat(ticker.statusCode()).isEqualTo(200);
        assertThat(ticker.body()).isEqualTo(NO_INSTRUMENT);
        assertThat(client.get(okx, "/api/v5/public/instruments?instType=SPOT&instId=BTC-USDT")
                        .body())
                .isEqualTo(NO_INSTRUMENT);
        assertThat(okxIds(client.getJson(okx, "/api/v5/market/tickers?instType=SPOT")))
                .contains("ETH-USDT")
                .doesNotContain("BTC-USDT");
        assertThat(okxIds(client.getJson(okx, "/api/v5/public/instruments?instType=SPOT")))
                .contains("ETH-USDT")
                .doesNotContain("BTC-USDT");

        relist("okx", "BTC");
        assertThat(client.getJson(okx, "/api/v5/market/ticker?instId=BTC-USDT").get("data"))
                .hasSize(1);
        assertThat(okxIds(client.getJson(okx, "/api/v5/market/tickers?instType=SPOT")))
                .contains("BTC-USDT");
        assertThat(okxIds(client.getJson(okx, "/api/v5/public/instruments?instType=SPOT")))
                .contains("BTC-USDT");
    }

    @Test
    void shouldLeaveOtherExchangesQuotingThePairWhenOneExchangeDelistsIt() {
        delist("binance", "ETH");
        assertThat(client.get(sim.baseUri(ExchangeId.BINANCE), "/api/v3/ticker/price?symbol=ETHUSDT")
                        .statusCode())
                .isEqualTo(400);
        assertThat(client.get(sim.baseUri(ExchangeId.COINBASE), "/products/ETH-USD/ticker")
                        .statusCode())
                .isEqualTo(200);
        assertThat(client.getJson(sim.baseUri(ExchangeId.KRAKEN), "/0/public/Ticker?pair=ETHUSD")
                        .get("error"))
                .isEmpty();
        assertThat(client.getJson(sim.baseUri(ExchangeId.OKX), "/api/v5/market/ticker?instId=ETH-USDT")
                        .get("code")
                        .asText())
                .isEqualTo("0");
    }

    @Test
    void shouldRelistEveryPairWhenRelistAllIsCalled() {
        assertThat(sim.delist(ExchangeId.KRAKEN, "eth")).isPresent();
        assertThat(sim.delist(ExchangeId.OKX, "SOL")).isPresent();
        assertThat(sim.delistedPairs()).containsOnlyKeys(ExchangeId.KRAKEN, ExchangeId.OKX);
        sim.relistAll();
        assertThat(sim.delistedPairs()).isEmpty();
        assertThat(client.getJson(sim.baseUri(ExchangeId.KRAKEN), "/0/public/Ticker?pair=ETHUSD")
                        .get("error"))
                .isEmpty();
    }

    private void delist(String exchange, String symbol) {
        HttpResponse<String> response =
                client.send("POST", control, "/listings/" + exchange + "/delist?symbol=" + symbol, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(client.json(response).get("listed").asBoolean()).isFalse();
    }

    private void relist(String exchange, String symbol) {
        HttpResponse<String> response =
                client.send("POST", control, "/listings/" + exchange + "/relist?symbol=" + symbol, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(client.json(response).get("listed").asBoolean()).isTrue();
    }

    private static List<String> binanceSymbols(JsonNode array) {
        List<String> symbols = new ArrayList<>();
        array.forEach(s -> symbols.add(s.get("symbol").asText()));
        return symbols;
    }

    private static List<String> okxIds(JsonNode body) {
        assertThat(body.get("code").asText()).isEqualTo("0");
        List<String> ids = new ArrayList<>();
        body.get("data").forEach(i -> ids.add(i.get("instId").asText()));
        return ids;
    }

    private static JsonNode productById(JsonNode products, String id) {
        for (JsonNode p : products) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no product " + id);
    }
}
