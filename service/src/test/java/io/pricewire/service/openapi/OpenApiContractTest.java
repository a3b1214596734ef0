package io.pricewire.service.openapi;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.price.PriceStatus;
import io.pricewire.service.errors.CoinGeckoErrors;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.sim.Fault;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The served {@code /openapi.yml} against the service (docs/architecture.md §5): every operation
 * names the typed schema of each answer it can give, the schemas have the documented properties,
 * and real answers — over HTTP, from Redis, dynalite and exchange-sim — validate against them
 * (OpenAPI 3.0 dialect, with format assertions). The test closes every schema
 * ({@code additionalProperties: false}) before validating, so an undocumented field fails too,
 * while the published document stays open to additions.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest implements TestPropertyProvider {
    private static final String DOCUMENT = "https://pricewire.test/openapi.json";
    private static final String ERROR = "ErrorResponse";
    private static final String ONE = "GET /v1/prices/{symbol}";
    private static final String BATCH = "GET /v1/prices";
    private static final String STREAM = "GET /v1/stream";
    /** Not a JSON schema: the stream's 200 is {@code text/event-stream}. */
    private static final String EVENT_STREAM = "text/event-stream";

    private static final String REFRESH = "POST /v1/prices/{symbol}/refresh";
    private static final String ASSETS = "GET /v1/assets";
    private static final String HISTORY = "GET /v1/prices/{symbol}/history";
    private static final String HEALTH = "GET /healthz";
    private static final String STATUS = "GET /v1/status";

    private static final String CG_PING = "GET /api/v3/ping";
    private static final String CG_CURRENCIES = "GET /api/v3/simple/supported_vs_currencies";
    private static final String CG_PRICE = "GET /api/v3/simple/price";
    private static final String CG_LIST = "GET /api/v3/coins/list";
    private static final String CG_MARKETS = "GET /api/v3/coins/markets";
    private static final String CG_CHART = "GET /api/v3/coins/{id}/market_chart";
    private static final String CG_ERROR = "CoinGeckoError";
    private static final String CG_LIMITED = "CoinGeckoRateLimited";
    /** Schemas whose properties are whatever was asked for: described by {@code additionalProperties} alone. */
    private static final List<String> MAPS = List.of("CoinGeckoSimplePrice", "CoinGeckoSimplePriceCoin");
    /** Properties that are absent unless asked for, by schema. */
    private static final Map<String, List<String>> OPTIONAL = Map.of(
            "RefreshUnavailableResponse", List.of("price"),
            "CoinGeckoCoin", List.of("platforms"),
            "CoinGeckoMarket", List.of("sparkline_in_7d", "price_change_percentage_24h_in_currency"));

    /** Every operation and, by status, the schema of its answer; {@code [X]} is an array of X. */
    private static final Map<String, Map<String, String>> RESPONSES = Map.ofEntries(
            entry(CG_PING, Map.of("200", "CoinGeckoPing", "429", CG_LIMITED)),
            entry(CG_CURRENCIES, Map.of("200", "[string]", "429", CG_LIMITED)),
            entry(CG_PRICE, Map.of("200", "CoinGeckoSimplePrice", "400", CG_ERROR, "422", CG_ERROR, "429", CG_LIMITED)),
            entry(CG_LIST, Map.of("200", "[CoinGeckoCoin]", "429", CG_LIMITED)),
            entry(CG_MARKETS, Map.of("200", "[CoinGeckoMarket]", "400", CG_ERROR, "422", CG_ERROR, "429", CG_LIMITED)),
            entry(
                    CG_CHART,
                    Map.of(
                            "200",
                            "CoinGeckoMarketChart",
                            "400",
                            CG_ERROR,
                            "404",
                            CG_ERROR,
                            "422",
                            CG_ERROR,
                            "429",
                            CG_LIMITED)),
            entry(ONE, Map.of("200", "PriceResponse", "400", ERROR, "404", ERROR, "429", ERROR, "503", ERROR)),
            entry(BATCH, Map.of("200", "PricesResponse", "400", ERROR, "429", ERROR)),
            entry(
                    REFRESH,
                    Map.of(
                            "200",
                            "PriceResponse",
                            "400",
                            ERROR,
                            "401",
                            ERROR,
                            "404",
                            ERROR,
                            "429",
                            ERROR,
                            "503",
                            "RefreshUnavailableResponse")),
            entry(ASSETS, Map.of("200", "AssetsResponse", "400", ERROR, "429", ERROR)),
            entry(HISTORY, Map.of("200", "HistoryResponse", "400", ERROR, "404", ERROR, "429", ERROR, "503", ERROR)),
            entry(HEALTH, Map.of("200", "HealthResponse", "503", "HealthResponse")),
            entry(STATUS, Map.of("200", "StatusResponse", "429", ERROR)),
            entry(STREAM, Map.of("200", EVENT_STREAM, "400", ERROR, "404", ERROR, "429", ERROR, "503", ERROR)));

    /** Every schema and its properties, in the order they are sent. */
    private static final Map<String, List<String>> PROPERTIES = Map.ofEntries(
            entry(
                    "PriceResponse",
                    List.of(
                            "symbol",
                            "currency",
                            "price",
                            "timestamp",
                            "ageMs",
                            "tier",
                            "status",
                            "stale",
                            "change24h",
                            "sources",
                            "rejected")),
            entry("PriceSource", List.of("exchange", "price", "timestamp")),
            entry("RejectedQuote", List.of("exchange", "price", "reason")),
            entry("PricesResponse", List.of("prices", "unknown")),
            entry("AssetsResponse", List.of("assets")),
            entry("Asset", List.of("symbol", "name", "id", "rank", "tier")),
            entry(ERROR, List.of("error", "message")),
            entry("RefreshUnavailableResponse", List.of("error", "message", "price")),
            entry("HealthResponse", List.of("status")),
            entry("CoinGeckoPing", List.of("gecko_says")),
            entry("CoinGeckoCoin", List.of("id", "symbol", "name", "platforms")),
            entry(
                    "CoinGeckoMarket",
                    List.of(
                            "id",
                            "symbol",
                            "name",
                            "image",
                            "current_price",
                            "market_cap",
                            "market_cap_rank",
                            "fully_diluted_valuation",
                            "total_volume",
                            "high_24h",
                            "low_24h",
                            "price_change_24h",
                            "price_change_percentage_24h",
                            "market_cap_change_24h",
                            "market_cap_change_percentage_24h",
                            "circulating_supply",
                            "total_supply",
                            "max_supply",
                            "ath",
                            "ath_change_percentage",
                            "ath_date",
                            "atl",
                            "atl_change_percentage",
                            "atl_date",
                            "roi",
                            "last_updated",
                            "sparkline_in_7d",
                            "price_change_percentage_24h_in_currency")),
            entry("CoinGeckoSparkline", List.of("price")),
            entry("CoinGeckoMarketChart", List.of("prices", "market_caps", "total_volumes")),
            entry(CG_ERROR, List.of("error")),
            entry(CG_LIMITED, List.of("status")),
            entry("CoinGeckoErrorStatus", List.of("error_code", "error_message")),
            entry("CoinGeckoSimplePrice", List.of()),
            entry("CoinGeckoSimplePriceCoin", List.of()),
            entry("HistoryResponse", List.of("symbol", "interval", "points")),
            entry("HistoryPoint", List.of("t", "open", "high", "low", "close")),
            entry(
                    "StatusResponse",
                    List.of("timestamp", "ready", "tiers", "exchanges", "dependencies", "requestsPerSecond")),
            entry("TierFreshness", List.of("tier", "oldestAgeMs", "limitMs", "fresh")),
            entry("ExchangeState", List.of("exchange", "circuit", "stream")),
            entry("Dependencies", List.of("redis", "dynamodb")));

    @Inject
    EmbeddedServer server;

    Http http;
    JsonNode document;
    SchemaRegistry schemas;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestStack.properties());
        p.put("pricewire.tiers.tickers", "false"); // no cycle prices the cold asset the outage test needs unpriced
        // the limits on, far above what this test sends, but one refresh per symbol per hour: a second one is a 429
        p.put("pricewire.rate-limit.enabled", "true");
        p.put("pricewire.rate-limit.refresh-period", "1h");
        return p;
    }

    @BeforeEach
    void load() throws IOException {
        http = new Http(server.getURI());
        http.awaitReady();
        Http.Answer served = http.get("/openapi.yml");
        assertThat(served.status()).isEqualTo(200);
        document = new YAMLMapper().readTree(served.body());
        ObjectNode closed = document.deepCopy();
        // a map schema keeps its own additionalProperties: it is all it has
        closed.get("components").get("schemas").forEach(s -> {
            if (!s.has("additionalProperties")) {
                ((ObjectNode) s).put("additionalProperties", false);
            }
        });
        schemas = SchemaRegistry.withDialect(
                Dialects.getOpenApi30(),
                registry -> registry.schemas(Map.of(DOCUMENT, closed.toString()))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build()));
    }

    @Test
    void shouldNameTheTypedSchemaOfEveryAnswerOfEveryOperation() {
        Map<String, JsonNode> operations = new HashMap<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(op -> operations.put(
                                op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue())));
        assertThat(operations.keySet()).containsExactlyInAnyOrderElementsOf(RESPONSES.keySet());

        RESPONSES.forEach((operation, expected) -> {
            JsonNode responses = operations.get(operation).get("responses");
            assertThat(names(responses)).as(operation).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((status, schema) -> {
                JsonNode response = responses.get(status);
                if (schema.startsWith("[")) {
                    JsonNode items = response.at("/content/application~1json/schema/items");
                    String item = schema.substring(1, schema.length() - 1);
                    assertThat(response.at("/content/application~1json/schema/type")
                                    .asText())
                            .as("%s %s", operation, status)
                            .isEqualTo("array");
                    assertThat(
                                    item.equals("string")
                                            ? items.get("type").asText()
                                            : items.get("$ref").asText())
                            .as("%s %s", operation, status)
                            .isEqualTo(item.equals("string") ? item : "#/components/schemas/" + item);
                } else if (schema.equals(EVENT_STREAM)) {
                    assertThat(response.at("/content/text~1event-stream/schema/type")
                                    .asText())
                            .as("%s %s", operation, status)
                            .isEqualTo("string");
                } else {
                    assertThat(response.at("/content/application~1json/schema/$ref")
                                    .asText())
                            .as("%s %s", operation, status)
                            .isEqualTo("#/components/schemas/" + schema);
                }
                assertThat(response.get("description").asText())
                        .as("%s %s", operation, status)
                        .isNotBlank();
                if (status.equals("429")) {
                    assertThat(response.at("/headers/Retry-After/schema/type").asText())
                            .as(operation)
                            .isEqualTo("integer");
                }
            });
        });
    }

    @Test
    void shouldDescribeEachSchemaWithItsPropertiesInTheOrderTheyAreSent() {
        JsonNode components = document.get("components").get("schemas");
        assertThat(names(components))
                .as("no framework internals")
                .containsExactlyInAnyOrderElementsOf(PROPERTIES.keySet());
        PROPERTIES.forEach((schema, properties) -> {
            JsonNode s = components.get(schema);
            if (MAPS.contains(schema)) {
                assertThat(s.has("properties")).as(schema).isFalse();
                assertThat(s.get("additionalProperties").isObject()).as(schema).isTrue();
                assertThat(s.get("description").asText()).as(schema).isNotBlank();
                return;
            }
            assertThat(names(s.get("properties"))).as(schema).containsExactlyElementsOf(properties);
            assertThat(s.get("description").asText()).as(schema).isNotBlank();
            List<String> required = new ArrayList<>();
            s.get("required").forEach(r -> required.add(r.asText()));
            List<String> optional = OPTIONAL.getOrDefault(schema, List.of());
            assertThat(required)
                    .as(schema)
                    .containsExactlyInAnyOrderElementsOf(properties.stream()
                            .filter(p -> !optional.contains(p))
                            .toList());
        });
        JsonNode price = components.get("PriceResponse").get("properties");
        assertThat(texts(price.at("/tier/enum")))
                .containsExactlyElementsOf(
                        Arrays.stream(Tier.values()).map(Tier::label).toList());
        assertThat(texts(components.at("/Asset/properties/tier/enum")))
                .containsExactlyElementsOf(texts(price.at("/tier/enum")));
        assertThat(texts(price.at("/status/enum")))
                .containsExactlyElementsOf(Arrays.stream(PriceStatus.values())
                        .map(PriceStatus::label)
                        .toList());
        assertThat(price.at("/timestamp/format").asText()).isEqualTo("date-time");
        assertThat(price.at("/ageMs/type").asText()).isEqualTo("integer");
        assertThat(price.at("/stale/type").asText()).isEqualTo("boolean");
    }

    @Test
    void shouldAnswerWhatTheDocumentDescribes() {
        Http.Answer fast = http.get("/v1/prices/BTC");
        assertMatches(ONE, 200, fast);
        assertMatches(
                ONE,
                200,
                http.get("/v1/prices/%42TC")); // percent-encoded: the controller's answer, not the fast path's
        assertMatches(ONE, 400, http.get("/v1/prices/BTC$"));
        assertMatches(ONE, 404, http.get("/v1/prices/NOSUCHCOIN"));

        assertMatches(BATCH, 200, http.get("/v1/prices?symbols=eth,BTC,NOSUCHCOIN"));
        assertMatches(HISTORY, 200, http.get("/v1/prices/BTC/history?interval=1h"));
        assertMatches(HISTORY, 400, http.get("/v1/prices/BTC/history?interval=2m"));
        assertMatches(HISTORY, 404, http.get("/v1/prices/NOSUCHCOIN/history"));
        assertMatches(BATCH, 400, http.get("/v1/prices?symbols="));

        assertMatches(REFRESH, 400, refresh("BTC$", TestStack.API_KEY));
        assertMatches(REFRESH, 401, refresh("ETH", null));
        assertMatches(REFRESH, 404, refresh("NOSUCHCOIN", TestStack.API_KEY));
        assertMatches(REFRESH, 200, refresh("ETH", TestStack.API_KEY));
        Http.Answer throttled = refresh("ETH", TestStack.API_KEY);
        assertMatches(REFRESH, 429, throttled);
        assertThat(throttled.retryAfter()).isNotNull();

        assertMatches(ASSETS, 200, http.get("/v1/assets"));
        assertMatches(ASSETS, 400, http.get("/v1/assets?tier=lukewarm"));

        Http.Answer health = http.get("/healthz");
        assertMatches(HEALTH, 200, health);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertMatches(STATUS, 200, http.get("/v1/status"));

        assertMatches(CG_PING, 200, http.get("/api/v3/ping"));
        assertMatches(CG_CURRENCIES, 200, http.get("/api/v3/simple/supported_vs_currencies"));
        assertMatches(
                CG_PRICE,
                200,
                http.get("/api/v3/simple/price?ids=bitcoin,ethereum,nosuchcoin&vs_currencies=usd,sats"
                        + "&include_market_cap=true&include_24hr_vol=true&include_24hr_change=true"
                        + "&include_last_updated_at=true&precision=4"));
        assertMatches(CG_PRICE, 400, http.get("/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&precision=19"));
        assertMatches(CG_PRICE, 422, http.get("/api/v3/simple/price?ids=bitcoin"));
        assertMatches(CG_LIST, 200, http.get("/api/v3/coins/list"));
        assertMatches(CG_LIST, 200, http.get("/api/v3/coins/list?include_platform=true"));
        assertMatches(
                CG_MARKETS,
                200,
                http.get("/api/v3/coins/markets?vs_currency=btc&ids=bitcoin,ethereum&sparkline=true"
                        + "&price_change_percentage=24h"));
        assertMatches(CG_MARKETS, 200, http.get("/api/v3/coins/markets?vs_currency=usd&per_page=3"));
        assertMatches(CG_MARKETS, 400, http.get("/api/v3/coins/markets?vs_currency=usd&order=price_desc"));
        assertMatches(CG_MARKETS, 422, http.get("/api/v3/coins/markets"));
        assertMatches(CG_CHART, 200, http.get("/api/v3/coins/bitcoin/market_chart?vs_currency=eth&days=1"));
        assertMatches(CG_CHART, 400, http.get("/api/v3/coins/bitcoin/market_chart?vs_currency=usd&days=0"));
        assertMatches(CG_CHART, 404, http.get("/api/v3/coins/nosuchcoin/market_chart?vs_currency=usd&days=1"));
        assertMatches(CG_CHART, 422, http.get("/api/v3/coins/bitcoin/market_chart?days=1"));
        assertThat(validate(
                        CG_LIMITED, new String(CoinGeckoErrors.rateLimited(1).body(), StandardCharsets.UTF_8)))
                .as("the rate limiter's CoinGecko 429, which this test's budget never reaches")
                .isEmpty();

        // the framework's own errors, on paths and methods the document does not list, have the error shape too
        assertValid(ERROR, http.get("/nope"));
        assertValid(ERROR, http.send(http.request("/v1/prices/BTC").DELETE()));

        // the closed schemas do reject what the document does not describe
        String tampered = fast.body()
                .replaceFirst("\"price\":\"[0-9.]+\"", "\"price\":1")
                .replaceFirst("\"timestamp\":\"[^\"]+\"", "\"timestamp\":\"yesterday\"")
                .replaceFirst("\"tier\":\"hot\"", "\"tier\":\"tepid\"")
                .replaceFirst("(\"sources\":\\[\\{\"exchange\":\"[a-z]+\",\"price\":)\"[0-9.]+\"", "$1\"1E+3\"")
                .replaceFirst("^\\{", "{\"extra\":0,");
        assertThat(validate("PriceResponse", tampered))
                .as(tampered)
                .extracting(Error::getKeyword)
                .containsExactlyInAnyOrder("type", "format", "enum", "pattern", "additionalProperties");
    }

    @Test
    void shouldAnswerWhatTheDocumentDescribesWhenNoExchangeAnswers() {
        String cold = http.get("/v1/assets?tier=cold")
                .json()
                .get("assets")
                .get(0)
                .get("symbol")
                .asText();
        for (ExchangeId e : ExchangeId.values()) {
            TestStack.sim().setFault(e, Fault.down());
        }
        try {
            assertMatches(ONE, 503, http.get("/v1/prices/" + cold));
            Http.Answer failed = refresh("BTC", TestStack.API_KEY);
            assertMatches(REFRESH, 503, failed);
            assertThat(failed.json().has("price"))
                    .as("with the last known price")
                    .isTrue();
        } finally {
            TestStack.sim().clearAllFaults();
        }
    }

    private Http.Answer refresh(String symbol, String key) {
        HttpRequest.Builder request =
                http.request("/v1/prices/" + symbol + "/refresh").POST(HttpRequest.BodyPublishers.noBody());
        return http.send(key == null ? request : request.header("X-Api-Key", key));
    }

    /** {@code answer} has {@code status}, which {@code operation} documents, and a body valid against that answer's schema. */
    private void assertMatches(String operation, int status, Http.Answer answer) {
        assertThat(answer.status()).as("%s: %s", operation, answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as(operation).startsWith("application/json");
        String[] methodAndPath = operation.split(" ");
        String method = methodAndPath[0].toLowerCase(Locale.ROOT);
        JsonNode schema = document.get("paths")
                .get(methodAndPath[1])
                .get(method)
                .get("responses")
                .get(Integer.toString(status))
                .at("/content/application~1json/schema");
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            assertValid(ref.substring(ref.lastIndexOf('/') + 1), answer);
        } else {
            // an array answer: its schema is the operation's own, not a component
            String pointer = "#/paths/" + methodAndPath[1].replace("/", "~1") + "/" + method + "/responses/" + status
                    + "/content/application~1json/schema";
            assertThat(schemas.getSchema(SchemaLocation.of(DOCUMENT + pointer))
                            .validate(answer.body(), InputFormat.JSON))
                    .as("%d as %s: %s", answer.status(), pointer, answer.body())
                    .isEmpty();
        }
    }

    private void assertValid(String schema, Http.Answer answer) {
        assertThat(validate(schema, answer.body()))
                .as("%d as %s: %s", answer.status(), schema, answer.body())
                .isEmpty();
    }

    private List<Error> validate(String schema, String json) {
        return schemas.getSchema(SchemaLocation.of(DOCUMENT + "#/components/schemas/" + schema))
                .validate(json, InputFormat.JSON);
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
