package io.pricewire.sim;

import static io.pricewire.sim.BinanceApiTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The market-listing endpoints: real shapes, real errors, and the same pairs the tickers quote. */
class ListingEndpointsTest extends SteppedSimTest {

    ListingEndpointsTest() {
        super("2026-03-01T12:00:00.789Z", c -> c.withRateLimitsEnforced(false));
    }

    /** The listing call that lists a whole exchange. */
    static String listing(ExchangeId e) {
        return switch (e) {
            case BINANCE -> "/api/v3/exchangeInfo";
            case COINBASE -> "/products";
            case KRAKEN -> "/0/public/AssetPairs";
            case OKX -> "/api/v5/public/instruments?instType=SPOT";
        };
    }

    @Test
    void shouldDescribeEveryTickerSymbolWhenExchangeInfoIsAskedWithoutParameters() {
        URI binance = sim.baseUri(ExchangeId.BINANCE);
        HttpResponse<String> response = client.get(binance, "/api/v3/exchangeInfo");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode info = client.json(response);
        assertThat(fieldNames(info))
                .containsExactly("timezone", "serverTime", "rateLimits", "exchangeFilters", "symbols");
        assertThat(info.get("timezone").asText()).isEqualTo("UTC");
        assertThat(info.get("serverTime").isIntegralNumber()).isTrue();
        assertThat(info.get("serverTime").asLong()).isEqualTo(clock.millis());
        JsonNode weightLimit = info.get("rateLimits").get(0);
        assertThat(weightLimit.get("rateLimitType").asText()).isEqualTo("REQUEST_WEIGHT");
        assertThat(weightLimit.get("interval").asText()).isEqualTo("MINUTE");
        assertThat(weightLimit.get("intervalNum").asInt()).isEqualTo(1);
        assertThat(weightLimit.get("limit").asInt()).isEqualTo(6_000);
        assertThat(info.get("exchangeFilters").isArray()).isTrue();

        List<String> tickerSymbols = new ArrayList<>();
        client.getJson(binance, "/api/v3/ticker/price")
                .forEach(t -> tickerSymbols.add(t.get("symbol").asText()));
        List<String> listed = new ArrayList<>();
        info.get("symbols").forEach(s -> listed.add(s.get("symbol").asText()));
        assertThat(listed)
                .containsExactlyElementsOf(tickerSymbols)
                .containsExactlyElementsOf(pairs(ExchangeId.BINANCE));

        JsonNode btc = info.get("symbols").get(listed.indexOf("BTCUSDT"));
        assertThat(btc.get("status").asText()).isEqualTo("TRADING");
        assertThat(btc.get("baseAsset").asText()).isEqualTo("BTC");
        assertThat(btc.get("quoteAsset").asText()).isEqualTo("USDT");
        for (String n : List.of("baseAssetPrecision", "quotePrecision", "quoteAssetPrecision")) {
            assertThat(btc.get(n).isInt()).as(n).isTrue();
        }
        for (String b : List.of("icebergAllowed", "ocoAllowed", "isSpotTradingAllowed", "isMarginTradingAllowed")) {
            assertThat(btc.get(b).isBoolean()).as(b).isTrue();
        }
        assertThat(btc.get("orderTypes")).extracting(JsonNode::asText).contains("LIMIT", "MARKET");
        assertThat(btc.get("permissions").isArray()).isTrue();
        assertThat(btc.get("permissionSets").get(0))
                .extracting(JsonNode::asText)
                .containsExactly("SPOT");
        JsonNode priceFilter = filter(btc, "PRICE_FILTER");
        JsonNode lotSize = filter(btc, "LOT_SIZE");
        assertThat(priceFilter.get("tickSize").asText()).isEqualTo("0.00100000");
        assertThat(new BigDecimal(priceFilter.get("maxPrice").asText()))
                .isGreaterThan(new BigDecimal(client.getJson(binance, "/api/v3/ticker/price?symbol=BTCUSDT")
                        .get("price")
                        .asText()));
        assertThat(lotSize.get("stepSize").asText()).matches("0\\.\\d{8}");
        assertThat(new BigDecimal(lotSize.get("minQty").asText())).isPositive();
        assertThat(filter(btc, "NOTIONAL").get("minNotional").asText()).isEqualTo("5.00000000");
    }

    @Test
    void shouldAnswerTheNamedSymbolsWhenExchangeInfoIsAskedForSymbolOrSymbols() {
        URI binance = sim.baseUri(ExchangeId.BINANCE);
        JsonNode one =
                client.getJson(binance, "/api/v3/exchangeInfo?symbol=ETHUSDT").get("symbols");
        assertThat(one).hasSize(1);
        assertThat(one.get(0).get("symbol").asText()).isEqualTo("ETHUSDT");
        JsonNode two = client.getJson(
                        binance, "/api/v3/exchangeInfo?symbols=" + SimClient.encode("[\"SOLUSDT\",\"BTCUSDT\"]"))
                .get("symbols");
        assertThat(two).extracting(s -> s.get("symbol").asText()).containsExactly("SOLUSDT", "BTCUSDT");
    }

    @Test
    void shouldAnswerInvalidSymbolWhenExchangeInfoNamesAnUnknownSymbol() {
        URI binance = sim.baseUri(ExchangeId.BINANCE);
        HttpResponse<String> single = client.get(binance, "/api/v3/exchangeInfo?symbol=NOSUCHUSDT");
        assertThat(single.statusCode()).isEqualTo(400);
        assertThat(single.body()).isEqualTo("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
        HttpResponse<String> list =
                client.get(binance, "/api/v3/exchangeInfo?symbols=" + SimClient.encode("[\"BTCUSDT\",\"NOSUCHUSDT\"]"));
        assertThat(list.statusCode()).isEqualTo(400);
        assertThat(list.body()).isEqualTo("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
    }

    @Test
    void shouldChargeTwentyWeightWhenExchangeInfoIsCalled() {
        URI binance = sim.baseUri(ExchangeId.BINANCE);
        HttpResponse<String> first = client.get(binance, "/api/v3/exchangeInfo");
        HttpResponse<String> second = client.get(binance, "/api/v3/exchangeInfo?symbol=BTCUSDT");
        assertThat(first.headers().firstValue("X-MBX-USED-WEIGHT-1M")).hasValue("20");
        assertThat(second.headers().firstValue("X-MBX-USED-WEIGHT-1M")).hasValue("40");
    }

    @Test
    void shouldListEveryCoinbaseProductWithItsFieldsWhenProductsIsAsked() {
        URI coinbase = sim.baseUri(ExchangeId.COINBASE);
        HttpResponse<String> response = client.get(coinbase, "/products");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode products = client.json(response);
        assertThat(products.isArray()).isTrue();
        List<String> ids = new ArrayList<>();
        products.forEach(p -> ids.add(p.get("id").asText()));
        assertThat(ids).containsExactlyElementsOf(pairs(ExchangeId.COINBASE));

        JsonNode btc = products.get(ids.indexOf("BTC-USD"));
        assertThat(fieldNames(btc))
                .contains(
                        "id",
                        "base_currency",
                        "quote_currency",
                        "quote_increment",
                        "base_increment",
                        "display_name",
                        "min_market_funds",
                        "margin_enabled",
                        "post_only",
                        "limit_only",
                        "cancel_only",
                        "status",
                        "status_message",
                        "trading_disabled",
                        "fx_stablecoin",
                        "max_slippage_percentage",
                        "auction_mode");
        assertThat(btc.get("base_currency").asText()).isEqualTo("BTC");
        assertThat(btc.get("quote_currency").asText()).isEqualTo("USD");
        assertThat(btc.get("status").asText()).isEqualTo("online");
        assertThat(btc.get("trading_disabled").asBoolean()).isFalse();
        assertThat(btc.get("quote_increment").isTextual()).isTrue();
        assertThat(new BigDecimal(btc.get("quote_increment").asText())).isEqualByComparingTo("0.001");
        for (String b : List.of(
                "margin_enabled",
                "post_only",
                "limit_only",
                "cancel_only",
                "trading_disabled",
                "fx_stablecoin",
                "auction_mode")) {
            assertThat(btc.get(b).isBoolean()).as(b).isTrue();
        }
        // every listed product answers its ticker
        for (String id : List.of(ids.get(0), ids.get(ids.size() - 1))) {
            assertThat(client.get(coinbase, "/products/" + id + "/ticker").statusCode())
                    .as(id)
                    .isEqualTo(200);
        }
    }

    @Test
    void shouldAnswerOneProductOrNotFoundWhenAProductIsAskedById() {
        URI coinbase = sim.baseUri(ExchangeId.COINBASE);
        JsonNode eth = client.getJson(coinbase, "/products/eth-usd");
        assertThat(eth.get("id").asText()).isEqualTo("ETH-USD");
        assertThat(eth.get("display_name").asText()).isEqualTo("ETH-USD");
        HttpResponse<String> unknown = client.get(coinbase, "/products/NOSUCH-USD");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"message\":\"NotFound\"}");
    }

    @Test
    void shouldKeyAssetPairsLikeTheTickerWhenAssetPairsIsAsked() {
        URI kraken = sim.baseUri(ExchangeId.KRAKEN);
        HttpResponse<String> response = client.get(kraken, "/0/public/AssetPairs");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = client.json(response);
        assertThat(body.get("error")).isEmpty();
        List<String> tickerKeys =
                fieldNames(client.getJson(kraken, "/0/public/Ticker").get("result"));
        assertThat(fieldNames(body.get("result"))).containsExactlyElementsOf(tickerKeys);

        JsonNode btc = body.get("result").get("XXBTZUSD");
        assertThat(fieldNames(btc))
                .containsExactly(
                        "altname",
                        "wsname",
                        "aclass_base",
                        "base",
                        "aclass_quote",
                        "quote",
                        "lot",
                        "cost_decimals",
                        "pair_decimals",
                        "lot_decimals",
                        "lot_multiplier",
                        "leverage_buy",
                        "leverage_sell",
                        "fees",
                        "fees_maker",
                        "fee_volume_currency",
                        "margin_call",
                        "margin_stop",
                        "ordermin",
                        "costmin",
                        "tick_size",
                        "status");
        assertThat(btc.get("altname").asText()).isEqualTo("XBTUSD");
        assertThat(btc.get("wsname").asText()).isEqualTo("XBT/USD");
        assertThat(btc.get("base").asText()).isEqualTo("XXBT");
        assertThat(btc.get("quote").asText()).isEqualTo("ZUSD");
        assertThat(btc.get("pair_decimals").isInt()).isTrue();
        assertThat(btc.get("tick_size").asText()).isEqualTo("0.001");
        assertThat(btc.get("fees").get(0).get(0).isIntegralNumber()).isTrue();
        assertThat(btc.get("fees").get(0).get(1).asDouble()).isEqualTo(0.26);
        assertThat(btc.get("ordermin").isTextual()).isTrue();
        assertThat(btc.get("status").asText()).isEqualTo("online");
        // a key equal to the request name keeps its plain base, even one ending in Z (XTZ)
        JsonNode xtz = body.get("result").get("XTZUSD");
        assertThat(xtz.get("base").asText()).isEqualTo("XTZ");
        assertThat(xtz.get("wsname").asText()).isEqualTo("XTZ/USD");
        assertThat(body.get("result").get("SOLUSD").get("base").asText()).isEqualTo("SOL");
        assertThat(body.get("result").get("USDTZUSD").get("base").asText()).isEqualTo("USDT");
    }

    @Test
    void shouldAnswerTheNamedPairsOrUnknownAssetPairWhenAssetPairsNamesPairs() {
        URI kraken = sim.baseUri(ExchangeId.KRAKEN);
        JsonNode two = client.getJson(kraken, "/0/public/AssetPairs?pair=XBTUSD,XETHZUSD")
                .get("result");
        assertThat(fieldNames(two)).containsExactly("XXBTZUSD", "XETHZUSD");
        HttpResponse<String> unknown = client.get(kraken, "/0/public/AssetPairs?pair=XBTUSD,NOSUCHUSD");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).isEqualTo("{\"error\":[\"EQuery:Unknown asset pair\"]}");
    }

    @Test
    void shouldListEverySpotInstrumentLikeTheTickersWhenInstrumentsIsAskedForSpot() {
        URI okx = sim.baseUri(ExchangeId.OKX);
        HttpResponse<String> response = client.get(okx, "/api/v5/public/instruments?instType=SPOT");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = client.json(response);
        assertThat(body.get("code").asText()).isEqualTo("0");
        assertThat(body.get("msg").asText()).isEmpty();
        List<String> tickerIds = new ArrayList<>();
        client.getJson(okx, "/api/v5/market/tickers?instType=SPOT")
                .get("data")
                .forEach(t -> tickerIds.add(t.get("instId").asText()));
        List<String> ids = new ArrayList<>();
        body.get("data").forEach(i -> ids.add(i.get("instId").asText()));
        assertThat(ids).containsExactlyElementsOf(tickerIds).containsExactlyElementsOf(pairs(ExchangeId.OKX));

        JsonNode btc = body.get("data").get(ids.indexOf("BTC-USDT"));
        assertThat(fieldNames(btc))
                .contains(
                        "instType",
                        "instId",
                        "uly",
                        "instFamily",
                        "baseCcy",
                        "quoteCcy",
                        "settleCcy",
                        "ctValCcy",
                        "optType",
                        "stk",
                        "listTime",
                        "expTime",
                        "lever",
                        "tickSz",
                        "lotSz",
                        "minSz",
                        "ctVal",
                        "ctMult",
                        "ctType",
                        "alias",
                        "state",
                        "maxLmtSz",
                        "maxMktSz");
        btc.fields()
                .forEachRemaining(
                        f -> assertThat(f.getValue().isTextual()).as(f.getKey()).isTrue());
        assertThat(btc.get("instType").asText()).isEqualTo("SPOT");
        assertThat(btc.get("baseCcy").asText()).isEqualTo("BTC");
        assertThat(btc.get("quoteCcy").asText()).isEqualTo("USDT");
        assertThat(btc.get("state").asText()).isEqualTo("live");
        assertThat(btc.get("tickSz").asText()).isEqualTo("0.001");
        assertThat(btc.get("listTime").asText()).matches("\\d{13}");
        assertThat(btc.get("uly").asText()).isEmpty();
    }

    @Test
    void shouldAnswerOneInstrumentOrTheRealErrorsWhenInstrumentsIsAskedNarrowly() {
        URI okx = sim.baseUri(ExchangeId.OKX);
        JsonNode one = client.getJson(okx, "/api/v5/public/instruments?instType=SPOT&instId=ETH-USDT")
                .get("data");
        assertThat(one).hasSize(1);
        assertThat(one.get(0).get("instId").asText()).isEqualTo("ETH-USDT");

        HttpResponse<String> unknown = client.get(okx, "/api/v5/public/instruments?instType=SPOT&instId=NOSUCH-USDT");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body())
                .isEqualTo("{\"code\":\"51001\",\"msg\":\"Instrument ID does not exist\",\"data\":[]}");
        HttpResponse<String> noType = client.get(okx, "/api/v5/public/instruments");
        assertThat(noType.statusCode()).isEqualTo(400);
        assertThat(noType.body())
                .isEqualTo("{\"code\":\"50014\",\"msg\":\"Parameter instType can not be empty.\",\"data\":[]}");
        HttpResponse<String> badType = client.get(okx, "/api/v5/public/instruments?instType=STOCK");
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(badType.body()).isEqualTo("{\"code\":\"51000\",\"msg\":\"Parameter instType error\",\"data\":[]}");
        assertThat(client.getJson(okx, "/api/v5/public/instruments?instType=SWAP")
                        .get("data"))
                .isEmpty();
    }

    @Test
    void shouldKeepTheTickersBudgetWhenOkxInstrumentsAreReadOftenWithLimitsOn() throws IOException {
        sim.close();
        sim = ExchangeSim.start(SteppedSim.at(clock));
        URI okx = sim.baseUri(ExchangeId.OKX);
        for (int i = 0; i < 20; i++) {
            assertThat(client.get(okx, "/api/v5/public/instruments?instType=SPOT&instId=BTC-USDT")
                            .statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> limited = client.get(okx, "/api/v5/public/instruments?instType=SPOT&instId=BTC-USDT");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo("{\"code\":\"50011\",\"msg\":\"Too Many Requests\"}");
        assertThat(client.get(okx, "/api/v5/market/ticker?instId=BTC-USDT").statusCode())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldAnswerTheExchangesServerErrorWhenErrorIsSetOnTheListing(ExchangeId e) {
        sim.setFault(e, Fault.error());
        int status = client.get(sim.baseUri(e), listing(e)).statusCode();
        assertThat(status).isEqualTo(e == ExchangeId.BINANCE || e == ExchangeId.COINBASE ? 500 : 503);
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldAnswerUnparseableJsonWhenGarbageIsSetOnTheListing(ExchangeId e) {
        sim.setFault(e, Fault.garbage());
        HttpResponse<String> response = client.get(sim.baseUri(e), listing(e));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> new ObjectMapper().readTree(response.body())).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldAnswerTheRateLimitAnswerWhenRatelimitIsSetOnTheListing(ExchangeId e) {
        sim.setFault(e, Fault.rateLimit());
        HttpResponse<String> response = client.get(sim.baseUri(e), listing(e));
        assertThat(response.statusCode()).isEqualTo(e == ExchangeId.KRAKEN ? 200 : 429);
        assertThat(sim.rateLimitedCount(e)).isEqualTo(1);
    }

    /** The pair names the universe gives an exchange, in rank order. */
    static List<String> pairs(ExchangeId e) {
        List<String> pairs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        AssetUniverse.loadDefault()
                .all()
                .forEach(
                        a -> a.listingOn(e).map(Listing::pair).filter(seen::add).ifPresent(pairs::add));
        return pairs;
    }

    private static JsonNode filter(JsonNode symbol, String type) {
        for (JsonNode f : symbol.get("filters")) {
            if (f.get("filterType").asText().equals(type)) {
                return f;
            }
        }
        throw new AssertionError("no " + type + " filter in " + symbol);
    }
}
