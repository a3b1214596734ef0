package io.pricewire.core.store.dynamo;

import static io.pricewire.core.price.Prices.price;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricewire.core.store.OperationTimer;
import io.pricewire.core.store.PriceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * dynalite never leaves keys unprocessed, so the retry loop is proven against a scripted client
 * that answers half of each request and returns the rest as {@code UnprocessedKeys}.
 */
class DynamoPriceStoreUnprocessedKeysTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void shouldRetryUnprocessedKeysWithBackoffUntilEveryKeyIsRead() {
        HalfAnswering client = new HalfAnswering(Integer.MAX_VALUE);
        List<Long> sleeps = new ArrayList<>();
        DynamoPriceStore store = new DynamoPriceStore(client, "prices", OperationTimer.NONE, sleeps::add);
        Map<String, ?> found = store.getAll(List.of("A", "B", "C", "D", "E", "F", "G", "H"));
        assertThat(found).containsOnlyKeys("A", "B", "C", "D", "E", "F", "G", "H");
        assertThat(client.calls).isEqualTo(4); // 8 → 4 → 2 → 1 → 0 unprocessed
        assertThat(sleeps).hasSize(3).isSorted();
    }

    @Test
    void shouldGiveUpWithStoreExceptionWhenKeysStayUnprocessed() {
        HalfAnswering client = new HalfAnswering(0);
        DynamoPriceStore store = new DynamoPriceStore(client, "prices", OperationTimer.NONE, ms -> {});
        assertThatThrownBy(() -> store.getAll(List.of("A", "B")))
                .isInstanceOf(PriceStore.StoreException.class)
                .hasMessageContaining("unprocessed");
    }

    @Test
    void shouldSendAtMostOneHundredKeysPerCall() {
        HalfAnswering client = new HalfAnswering(Integer.MAX_VALUE);
        DynamoPriceStore store = new DynamoPriceStore(client, "prices", OperationTimer.NONE, ms -> {});
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            keys.add("S" + i);
        }
        assertThat(store.getAll(keys)).hasSize(230);
        assertThat(client.largestRequest).isLessThanOrEqualTo(100);
    }

    /** Answers the first half of the keys (rounded up) and leaves the rest unprocessed. */
    private static final class HalfAnswering implements DynamoDbClient {
        private final int answerLimitPerCall;
        int calls;
        int largestRequest;

        HalfAnswering(int answerLimitPerCall) {
            this.answerLimitPerCall = answerLimitPerCall;
        }

        @Override
        public BatchGetItemResponse batchGetItem(Consumer<BatchGetItemRequest.Builder> request) {
            BatchGetItemRequest.Builder b = BatchGetItemRequest.builder();
            request.accept(b);
            calls++;
            List<Map<String, AttributeValue>> keys =
                    b.build().requestItems().get("prices").keys();
            largestRequest = Math.max(largestRequest, keys.size());
            int answered = Math.min(answerLimitPerCall, (keys.size() + 1) / 2);
            List<Map<String, AttributeValue>> items = keys.subList(0, answered).stream()
                    .map(k -> DynamoPriceStore.toItem(price(k.get("symbol").s(), "1", T0)))
                    .toList();
            List<Map<String, AttributeValue>> rest = keys.subList(answered, keys.size());
            var response = BatchGetItemResponse.builder().responses(Map.of("prices", items));
            if (!rest.isEmpty()) {
                response.unprocessedKeys(
                        Map.of("prices", KeysAndAttributes.builder().keys(rest).build()));
            }
            return response.build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {}
    }
}
