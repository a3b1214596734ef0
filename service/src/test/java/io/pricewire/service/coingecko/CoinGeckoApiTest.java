package io.pricewire.service.coingecko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.core.cache.RedisKeys;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.testkit.Await;
import io.pricewire.testkit.NpmPackages;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CoinGecko-compatible API under {@code /api/v3} against a running service (Redis, dynalite, exchange-sim), with a
 * price history of known candles ({@link FixedHistory}): every answer checked against the {@code /v1} prices it must
 * agree with, CoinGecko's error shapes, and the official TypeScript client ({@code @coingecko/coingecko-typescript})
 * driving it end to end. No tickers: the prices stay those of the warm-up, so {@code /v1} and {@code /api/v3} read the
 * same ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoinGeckoApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NODE_CLIENT = Path.of("src/test/node").toAbsolutePath();
    private static final MathContext DIGITS = MathContext.DECIMAL64;

    private EmbeddedServer server;
    private Http http;
    private String redisUri;

    @BeforeAll
    void start() {
        Map<String, String> props = new HashMap<>(TestStack.properties());
        props.put("pricewire.tiers.tickers", "false");
        props.put("test.fixed-history", "true");
        // demand on, rolled up quickly, so the test sees a CoinGecko read counted; one client never promotes anything
        props.put("pricewire.demand.period", "200ms");
        redisUri = props.get("redis.uri");
        server = TestStack.start(props);
        http = new Http(server.getURI()).awaitReady();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void shouldAnswerPingTheCurrenciesAndTheCoinsByCoinGeckoId() {
        Http.Answer ping = http.get("/api/v3/ping");
        assertThat(ping.body()).isEqualTo("{\"gecko_says\":\"(V3) To the Moon!\"}");
        assertThat(ping.contentType()).startsWith("application/json");
        assertThat(texts(http.get("/api/v3/simple/supported_vs_currencies").json()))
                .containsExactly("usd", "usdt", "usdc", "btc", "eth", "sats");

        JsonNode coins = http.get("/api/v3/coins/list").json();
        assertThat(coins.size()).isEqualTo(TestStack.universe().size());
        List<String> ids = new ArrayList<>();
        coins.forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids).isSorted().contains("bitcoin", "binancecoin", "usd-coin", "avalanche-2");
        assertThat(coins.get(ids.indexOf("bitcoin")).toString())
                .isEqualTo("{\"id\":\"bitcoin\",\"symbol\":\"btc\",\"name\":\"Bitcoin\"}");
        assertThat(http.get("/api/v3/coins/list?include_platform=true")
                        .json()
                        .get(0)
                        .get("platforms")
                        .toString())
                .isEqualTo("{}");
        assertThat(http.get("/api/v3/coins/list?status=inactive").body()).isEqualTo("[]");
    }

    @Test
    void shouldAnswerSimplePriceWithTheV1PricesConvertedThroughPricewiresOwnAggregates() {
        Map<String, JsonNode> v1 = v1("BTC", "ETH", "SOL", "USDT", "USDC");
        Http.Answer answer = http.get("/api/v3/simple/price?ids=bitcoin,solana,nosuchcoin"
                + "&vs_currencies=usd,usdt,usdc,btc,eth,sats,eur&include_market_cap=true&include_24hr_vol=true"
                + "&include_24hr_change=true&include_last_updated_at=true");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.cacheControl()).startsWith("public, max-age=");
        JsonNode body = answer.json();
        assertThat(names(body)).containsExactly("bitcoin", "solana");

        JsonNode sol = body.get("solana");
        assertThat(names(sol))
                .as("CoinGecko's keys in its order, eur left out")
                .containsExactly(
                        "usd",
                        "usd_market_cap",
                        "usd_24h_vol",
                        "usd_24h_change",
                        "usdt",
                        "usdt_market_cap",
                        "usdt_24h_vol",
                        "usdt_24h_change",
                        "usdc",
                        "usdc_market_cap",
                        "usdc_24h_vol",
                        "usdc_24h_change",
                        "btc",
                        "btc_market_cap",
                        "btc_24h_vol",
                        "btc_24h_change",
                        "eth",
                        "eth_market_cap",
                        "eth_24h_vol",
                        "eth_24h_change",
                        "sats",
                        "sats_market_cap",
                        "sats_24h_vol",
                        "sats_24h_change",
                        "last_updated_at");
        BigDecimal usd = price(v1, "SOL");
        assertThat(sol.get("usd").isNumber()).isTrue();
        assertThat(sol.get("usd").decimalValue()).isEqualByComparingTo(usd);
        assertThat(sol.get("usdt").decimalValue()).isEqualByComparingTo(usd.divide(price(v1, "USDT"), DIGITS));
        assertThat(sol.get("usdc").decimalValue()).isEqualByComparingTo(usd.divide(price(v1, "USDC"), DIGITS));
        assertThat(sol.get("btc").decimalValue()).isEqualByComparingTo(usd.divide(price(v1, "BTC"), DIGITS));
        assertThat(sol.get("eth").decimalValue()).isEqualByComparingTo(usd.divide(price(v1, "ETH"), DIGITS));
        assertThat(sol.get("sats").decimalValue())
                .isEqualByComparingTo(
                        usd.multiply(BigDecimal.valueOf(100_000_000)).divide(price(v1, "BTC"), DIGITS));
        assertThat(sol.get("usd_market_cap").isNull()).isTrue();
        assertThat(sol.get("usd_24h_vol").isNull()).isTrue();
        assertThat(sol.get("last_updated_at").asLong())
                .isEqualTo(
                        Instant.parse(v1.get("SOL").get("timestamp").asText()).getEpochSecond());

        // the history says SOL closed at 100 and BTC at 50,000 a day ago; USDT at 0.998; USDC has no history
        double solRatio = usd.doubleValue() / 100;
        double btcRatio = price(v1, "BTC").doubleValue() / 50_000;
        assertThat(sol.get("usd_24h_change").asDouble()).isCloseTo((solRatio - 1) * 100, within(1e-9));
        assertThat(sol.get("btc_24h_change").asDouble()).isCloseTo((solRatio / btcRatio - 1) * 100, within(1e-9));
        assertThat(sol.get("sats_24h_change").asDouble()).isCloseTo((solRatio / btcRatio - 1) * 100, within(1e-9));
        double usdtRatio = price(v1, "USDT").doubleValue() / 0.998;
        assertThat(sol.get("usdt_24h_change").asDouble()).isCloseTo((solRatio / usdtRatio - 1) * 100, within(1e-9));
        assertThat(sol.get("usdc_24h_change").isNull())
                .as("no USDC history, no guess")
                .isTrue();
        assertThat(body.get("bitcoin").get("btc").decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    void shouldLookUpBySymbolsAndNamesAndRoundToThePrecisionAskedFor() {
        Map<String, JsonNode> v1 = v1("BTC", "ETH");
        JsonNode bySymbol = http.get("/api/v3/simple/price?symbols=BTC,eth&vs_currencies=usd&precision=2")
                .json();
        assertThat(names(bySymbol)).containsExactly("btc", "eth");
        assertThat(bySymbol.get("btc").get("usd").decimalValue())
                .isEqualByComparingTo(price(v1, "BTC").setScale(2, RoundingMode.HALF_UP));
        JsonNode byName = http.get("/api/v3/simple/price?names=Ethereum&symbols=btc&vs_currencies=usd&precision=0")
                .json();
        assertThat(names(byName)).as("names before symbols").containsExactly("ethereum");
        assertThat(byName.get("ethereum").get("usd").isIntegralNumber()).isTrue();
    }

    @Test
    void shouldAnswerCoinGeckosShapesForWhatItCannotAnswer() {
        assertBody(
                http.get("/api/v3/simple/price?ids=bitcoin"), 422, "{\"error\":\"Missing parameter vs_currencies\"}");
        assertBody(http.get("/api/v3/simple/price?vs_currencies=usd"), 422, "{\"error\":\"Missing parameter ids\"}");
        assertBody(http.get("/api/v3/coins/markets?ids=bitcoin"), 422, "{\"error\":\"Missing parameter vs_currency\"}");
        assertBody(
                http.get("/api/v3/coins/bitcoin/market_chart?vs_currency=usd"),
                422,
                "{\"error\":\"Missing parameter days\"}");
        assertBody(
                http.get("/api/v3/coins/nosuchcoin/market_chart?vs_currency=usd&days=1"),
                404,
                "{\"error\":\"coin not found\"}");
        assertBody(http.get("/api/v3/coins/markets?vs_currency=eur"), 400, "{\"error\":\"invalid vs_currency\"}");
        assertThat(http.get("/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&precision=19")
                        .json()
                        .get("error")
                        .asText())
                .contains("precision");
        assertBody(http.get("/api/v3/simple/price?ids=nosuchcoin,nothing&vs_currencies=usd"), 200, "{}");
        assertBody(http.get("/api/v3/simple/price?ids=bitcoin&vs_currencies=eur"), 200, "{\"bitcoin\":{}}");

        // the keys of CoinGecko's plans are accepted and ignored: the API is public
        Http.Answer withKeys = http.send(http.request(
                        "/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&x_cg_demo_api_key=a&x_cg_pro_api_key=b")
                .header("x-cg-demo-api-key", "demo")
                .header("x-cg-pro-api-key", "pro")
                .GET());
        assertThat(withKeys.status()).isEqualTo(200);
        assertThat(withKeys.json().get("bitcoin").get("usd").decimalValue())
                .isEqualByComparingTo(price(v1("BTC"), "BTC"));
    }

    @Test
    void shouldAnswerMarketsWithThePriceAndTheHistorysFigures() {
        Map<String, JsonNode> v1 = v1("BTC", "SOL", "TRX");
        JsonNode markets = http.get("/api/v3/coins/markets?vs_currency=usd&ids=tron,solana,bitcoin&sparkline=true"
                        + "&price_change_percentage=24h")
                .json();
        assertThat(markets.findValuesAsText("id")).containsExactly("bitcoin", "solana", "tron");
        JsonNode sol = markets.get(1);
        BigDecimal now = price(v1, "SOL");
        assertThat(sol.get("symbol").asText()).isEqualTo("sol");
        assertThat(sol.get("market_cap_rank").asInt()).isEqualTo(6);
        assertThat(sol.get("current_price").decimalValue()).isEqualByComparingTo(now);
        assertThat(sol.get("high_24h").asDouble()).isCloseTo(Math.max(101, now.doubleValue()), within(1e-9));
        assertThat(sol.get("low_24h").asDouble()).isCloseTo(Math.min(99, now.doubleValue()), within(1e-9));
        assertThat(sol.get("price_change_24h").asDouble()).isCloseTo(now.doubleValue() - 100, within(1e-9));
        assertThat(sol.get("price_change_percentage_24h").asDouble())
                .isCloseTo((now.doubleValue() / 100 - 1) * 100, within(1e-9));
        assertThat(sol.get("price_change_percentage_24h_in_currency").asDouble())
                .isEqualTo(sol.get("price_change_percentage_24h").asDouble());
        assertThat(sol.get("last_updated").asText())
                .isEqualTo(v1.get("SOL").get("timestamp").asText());
        List<Double> sparkline = new ArrayList<>();
        sol.get("sparkline_in_7d").get("price").forEach(p -> sparkline.add(p.asDouble()));
        assertThat(sparkline).hasSizeBetween(166, 168).containsOnly(100.0);
        for (String unknown : List.of("image", "market_cap", "fully_diluted_valuation", "total_volume", "ath", "roi")) {
            assertThat(sol.get(unknown).isNull()).as(unknown).isTrue();
        }

        JsonNode tron = markets.get(2);
        assertThat(tron.get("current_price").decimalValue()).isEqualByComparingTo(price(v1, "TRX"));
        assertThat(tron.get("high_24h").isNull()).as("no history, no figure").isTrue();
        assertThat(tron.get("price_change_24h").isNull()).isTrue();
        assertThat(tron.get("sparkline_in_7d").get("price").size()).isZero();

        JsonNode inSats = http.get("/api/v3/coins/markets?vs_currency=sats&ids=solana")
                .json()
                .get(0);
        assertThat(inSats.has("sparkline_in_7d")).as("only when asked for").isFalse();
        assertThat(inSats.get("current_price").decimalValue())
                .isEqualByComparingTo(
                        now.multiply(BigDecimal.valueOf(100_000_000)).divide(price(v1, "BTC"), DIGITS));

        JsonNode page = http.get("/api/v3/coins/markets?vs_currency=usd&per_page=2&page=2")
                .json();
        assertThat(page.findValuesAsText("id")).containsExactly("tether", "ripple");
        assertThat(http.get("/api/v3/coins/markets?vs_currency=usd&per_page=250&page=99")
                        .body())
                .isEqualTo("[]");
    }

    @Test
    void shouldAnswerMarketChartsAtCoinGeckosGranularityEndingWithThePriceNow() {
        BigDecimal now = price(v1("SOL"), "SOL");
        List<double[]> day = points(http.get("/api/v3/coins/solana/market_chart?vs_currency=usd&days=1")
                .json());
        assertThat(day).hasSizeBetween(287, 289);
        assertSpacing(day.subList(0, day.size() - 1), Duration.ofMinutes(5));
        assertThat(day.subList(0, day.size() - 1))
                .allSatisfy(p -> assertThat(p[1]).isEqualTo(100.0));
        assertThat(day.getLast()[1]).isEqualTo(now.doubleValue());

        List<double[]> month = points(http.get("/api/v3/coins/solana/market_chart?vs_currency=usd&days=30")
                .json());
        assertThat(month).hasSizeBetween(30 * 24 - 1, 30 * 24 + 1);
        assertSpacing(month.subList(0, month.size() - 1), Duration.ofHours(1));

        List<double[]> year = points(http.get("/api/v3/coins/solana/market_chart?vs_currency=btc&days=200")
                .json());
        assertThat(year).hasSizeBetween(199, 201);
        assertSpacing(year.subList(0, year.size() - 1), Duration.ofDays(1));
        assertThat(year.getFirst()[1]).as("100 USD at 50,000 USD per BTC").isCloseTo(0.002, within(1e-15));

        JsonNode chart = http.get("/api/v3/coins/solana/market_chart?vs_currency=usd&days=2")
                .json();
        assertThat(names(chart)).containsExactly("prices", "market_caps", "total_volumes");
        assertThat(chart.get("market_caps").size()).isZero();
        assertThat(points(http.get("/api/v3/coins/tron/market_chart?vs_currency=usd&days=1")
                        .json()))
                .as("no history: the price now only")
                .hasSize(1);
    }

    @Test
    void shouldCountACoinGeckoReadAsDemandForTheAsset() throws Exception {
        String cold = TestStack.universe().all().getLast().id();
        String symbol = TestStack.universe().all().getLast().symbol();
        http.get("/api/v3/simple/price?ids=" + cold + "&vs_currencies=usd");
        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            Await.until(
                    "the read counted in " + RedisKeys.DEMAND_SCORES,
                    Duration.ofSeconds(10),
                    () -> redis.sync().zscore(RedisKeys.DEMAND_SCORES, symbol) != null);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void shouldServeTheOfficialCoinGeckoTypeScriptClient() throws Exception {
        NpmPackages.ensureInstalled(
                NODE_CLIENT, "@coingecko/coingecko-typescript/package.json", "the official CoinGecko client");
        Process node = new ProcessBuilder(
                        "node",
                        NODE_CLIENT.resolve("coingecko-client.mjs").toString(),
                        server.getURI().resolve("/api/v3").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        JsonNode seen = JSON.readTree(output);
        Map<String, JsonNode> v1 = v1("BTC", "ETH", "SOL");

        assertThat(seen.get("ping").get("gecko_says").asText()).isEqualTo("(V3) To the Moon!");
        JsonNode price = seen.get("price");
        assertThat(names(price)).containsExactly("bitcoin", "ethereum", "solana");
        assertThat(price.get("bitcoin").get("usd").decimalValue()).isEqualByComparingTo(price(v1, "BTC"));
        assertThat(price.get("solana").get("sats").decimalValue())
                .isEqualByComparingTo(price(v1, "SOL")
                        .multiply(BigDecimal.valueOf(100_000_000))
                        .divide(price(v1, "BTC"), DIGITS));
        assertThat(price.get("solana").get("usd_24h_change").asDouble())
                .isCloseTo((price(v1, "SOL").doubleValue() / 100 - 1) * 100, within(1e-9));
        assertThat(price.get("ethereum").get("usd_market_cap").isNull()).isTrue();
        assertThat(price.get("ethereum").get("last_updated_at").asLong())
                .isEqualTo(
                        Instant.parse(v1.get("ETH").get("timestamp").asText()).getEpochSecond());
        assertThat(seen.get("rounded").get("btc").get("usd").decimalValue())
                .isEqualByComparingTo(price(v1, "BTC").setScale(2, RoundingMode.HALF_UP));
        assertThat(texts(seen.get("supported"))).contains("usd", "btc", "sats");
        assertThat(seen.get("coins").asInt()).isEqualTo(TestStack.universe().size());

        JsonNode markets = seen.get("markets");
        assertThat(markets.findValuesAsText("id")).containsExactly("bitcoin", "solana");
        assertThat(markets.get(1).get("current_price").decimalValue()).isEqualByComparingTo(price(v1, "SOL"));
        assertThat(markets.get(1).get("sparkline_in_7d").get("price").size()).isBetween(166, 168);

        JsonNode chart = seen.get("chart");
        assertThat(chart.get("prices").size()).isBetween(287, 289);
        assertThat(chart.get("prices")
                        .get(chart.get("prices").size() - 1)
                        .get(1)
                        .decimalValue())
                .isEqualByComparingTo(price(v1, "SOL"));

        JsonNode missing = seen.get("missing");
        assertThat(missing.get("status").asInt()).isEqualTo(422);
        assertThat(missing.get("type").asText()).isEqualTo("UnprocessableEntityError");
        assertThat(missing.get("error").toString()).isEqualTo("{\"error\":\"Missing parameter vs_currencies\"}");
    }

    private Map<String, JsonNode> v1(String... symbols) {
        JsonNode prices = http.get("/v1/prices?symbols=" + String.join(",", symbols))
                .json()
                .get("prices");
        Map<String, JsonNode> bySymbol = new HashMap<>();
        prices.forEach(p -> bySymbol.put(p.get("symbol").asText(), p));
        assertThat(bySymbol).as("every price of the test stored at warm-up").containsOnlyKeys(symbols);
        return bySymbol;
    }

    private static BigDecimal price(Map<String, JsonNode> v1, String symbol) {
        return new BigDecimal(v1.get(symbol).get("price").asText());
    }

    private static void assertBody(Http.Answer answer, int status, String body) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body()).isEqualTo(body);
    }

    private static List<double[]> points(JsonNode chart) {
        List<double[]> points = new ArrayList<>();
        chart.get("prices")
                .forEach(p ->
                        points.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()}));
        return points;
    }

    private static void assertSpacing(List<double[]> points, Duration step) {
        for (int i = 1; i < points.size(); i++) {
            assertThat((long) (points.get(i)[0] - points.get(i - 1)[0]))
                    .as("point %d", i)
                    .isEqualTo(step.toMillis());
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
