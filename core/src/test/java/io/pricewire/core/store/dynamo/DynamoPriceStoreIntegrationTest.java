package io.pricewire.core.store.dynamo;

import static io.pricewire.core.price.Prices.price;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricewire.core.price.Price;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.core.store.PriceStore;
import io.pricewire.testkit.FreePort;
import io.pricewire.testkit.SharedServers;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Against a real DynamoDB-API server (dynalite). */
class DynamoPriceStoreIntegrationTest {
    private static DynamoDbClient dynamo;
    private static final String TABLE = "prices-" + UUID.randomUUID();
    private static DynamoPriceStore store;
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    @BeforeAll
    static void createTable() {
        dynamo = DynamoClients.create("us-east-1", SharedServers.dynamoEndpoint(), Duration.ofSeconds(5));
        store = new DynamoPriceStore(dynamo, TABLE, OperationTimer.NONE);
        store.createTableIfMissing();
        store.createTableIfMissing(); // a second call finds the table and is harmless
    }

    @AfterAll
    static void close() {
        dynamo.close();
    }

    @Test
    void shouldNeverLetAnOlderPriceOverwriteANewerOne() {
        assertThat(store.putIfNewer(price("BTC", "100", T0.plusSeconds(10)))).isTrue();
        assertThat(store.putIfNewer(price("BTC", "90", T0))).isFalse();
        assertThat(store.putIfNewer(price("BTC", "95", T0.plusSeconds(10))))
                .as("same timestamp is not newer")
                .isFalse();
        assertThat(store.get("BTC").orElseThrow().price()).isEqualByComparingTo("100");
        assertThat(store.putIfNewer(price("BTC", "101", T0.plusSeconds(11)))).isTrue();
        assertThat(store.get("BTC").orElseThrow().price()).isEqualByComparingTo("101");
    }

    @Test
    void shouldRoundTripEveryAttributeWhenStored() {
        Price p = price("ETH", "3456.789", T0.plusMillis(123));
        store.putIfNewer(p);
        assertThat(store.get("ETH")).contains(p);
        assertThat(store.get("NOTSTORED")).isEmpty();
    }

    @Test
    void shouldRoundTripTheChange24hAndItsAbsence() {
        Price falling = price("CHG", "97.5", T0).withChange24h(new BigDecimal("-2.50"));
        store.putIfNewer(falling);
        assertThat(store.get("CHG")).contains(falling);
        assertThat(DynamoPriceStore.toItem(price("NOCHG", "1", T0))).doesNotContainKey("change24h");
    }

    @Test
    void shouldReadMoreThanOneHundredKeysInChunksWhenBatchGetting() {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String s = "B" + i;
            symbols.add(s);
            if (i % 5 != 0) {
                store.putIfNewer(price(s, Integer.toString(i + 1), T0));
            }
        }
        List<Long> batchCalls = new ArrayList<>();
        DynamoPriceStore counting = new DynamoPriceStore(dynamo, TABLE, (op, nanos, ok) -> {
            if (op.equals("batch_get")) {
                batchCalls.add(nanos);
            }
        });
        Map<String, Price> found = counting.getAll(symbols);
        assertThat(found).hasSize(200);
        assertThat(found.get("B7").price()).isEqualByComparingTo("8");
        assertThat(found).doesNotContainKey("B5");
        assertThat(batchCalls).hasSize(3);
    }

    @Test
    void shouldFailWithStoreExceptionWhenTheServerIsUnreachable() {
        try (DynamoDbClient dead = DynamoClients.create(
                "us-east-1", URI.create("http://127.0.0.1:" + FreePort.find()), Duration.ofMillis(300))) {
            DynamoPriceStore unreachable = new DynamoPriceStore(dead, "prices", OperationTimer.NONE);
            assertThatThrownBy(() -> unreachable.get("BTC")).isInstanceOf(PriceStore.StoreException.class);
            assertThatThrownBy(() -> unreachable.putIfNewer(price("BTC", "1", T0)))
                    .isInstanceOf(PriceStore.StoreException.class);
        }
    }

    @Test
    void shouldReadAnItemANewerVersionWroteAndSkipAnUnreadableOneWhenGetting() {
        Map<String, AttributeValue> newer = new HashMap<>(DynamoPriceStore.toItem(price("NEWV", "42", T0)));
        newer.put("tier", AttributeValue.fromS("warm"));
        newer.put(
                "sources",
                AttributeValue.fromL(List.of(
                        AttributeValue.fromM(Map.of(
                                "exchange",
                                AttributeValue.fromS("bybit"),
                                "price",
                                AttributeValue.fromS("42"),
                                "ts",
                                AttributeValue.fromN(Long.toString(T0.toEpochMilli())))),
                        AttributeValue.fromM(Map.of(
                                "exchange",
                                AttributeValue.fromS("okx"),
                                "price",
                                AttributeValue.fromS("42.1"),
                                "ts",
                                AttributeValue.fromN(Long.toString(T0.toEpochMilli())))))));
        Map<String, AttributeValue> corrupt = new HashMap<>(DynamoPriceStore.toItem(price("BADV", "1", T0)));
        corrupt.put("price", AttributeValue.fromS("1E+999999999"));
        dynamo.putItem(b -> b.tableName(TABLE).item(newer));
        dynamo.putItem(b -> b.tableName(TABLE).item(corrupt));

        Price read = store.get("NEWV").orElseThrow();
        assertThat(read.sources()).extracting(s -> s.exchange().label()).containsExactly("okx");
        assertThat(store.get("BADV"))
                .as("an unreadable item is no price, not an error")
                .isEmpty();
        assertThat(store.getAll(List.of("NEWV", "BADV")).keySet()).containsExactly("NEWV");
    }
}
