package io.pricewire.core.store.dynamo;

import io.pricewire.core.price.Price;
import io.pricewire.core.price.RejectedQuote;
import io.pricewire.core.price.SourcePrice;
import io.pricewire.core.price.StoredFields;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.core.store.PriceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * {@link PriceStore} on the DynamoDB table {@code prices} (partition key {@code symbol}, no sort
 * key). Writes are conditional ({@code attribute_not_exists(symbol) OR ts < :ts}) so a slow writer
 * can never put an older price on top of a newer one; BatchGetItem goes in chunks of ≤ 100 keys
 * and retries {@code UnprocessedKeys} with exponential back-off.
 */
public final class DynamoPriceStore implements PriceStore {
    static final int BATCH_GET_LIMIT = 100;
    static final int SCAN_SEGMENTS = 4;
    private static final int MAX_UNPROCESSED_ATTEMPTS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(DynamoPriceStore.class);
    private static final AttributeValue EMPTY_LIST = AttributeValue.fromL(List.of());

    private final DynamoDbClient dynamo;
    private final String table;
    private final OperationTimer timer;
    private final Sleeper sleeper;

    public DynamoPriceStore(DynamoDbClient dynamo, String table, OperationTimer timer) {
        this(dynamo, table, timer, Thread::sleep);
    }

    DynamoPriceStore(DynamoDbClient dynamo, String table, OperationTimer timer, Sleeper sleeper) {
        this.dynamo = dynamo;
        this.table = table;
        this.timer = timer;
        this.sleeper = sleeper;
    }

    /** Creates the table (on-demand) when it does not exist yet; used by the local stack and tests. */
    public void createTableIfMissing() {
        try {
            dynamo.createTable(b -> b.tableName(table)
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("symbol")
                            .keyType(KeyType.HASH)
                            .build())
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("symbol")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
        } catch (ResourceInUseException alreadyThere) {
            // another process created it first: exactly what we wanted
        } catch (SdkException e) {
            throw new StoreException("could not create table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean putIfNewer(Price price) {
        return timed("put", () -> {
            try {
                dynamo.putItem(b -> b.tableName(table)
                        .item(toItem(price))
                        .conditionExpression("attribute_not_exists(symbol) OR ts < :ts")
                        .expressionAttributeValues(
                                Map.of(":ts", num(price.timestamp().toEpochMilli()))));
                return true;
            } catch (ConditionalCheckFailedException newerStored) {
                return false;
            }
        });
    }

    @Override
    public Optional<Price> get(String symbol) {
        return timed("get", () -> {
            Map<String, AttributeValue> item = dynamo.getItem(
                            b -> b.tableName(table).key(Map.of("symbol", str(symbol))))
                    .item();
            return item == null || item.isEmpty() ? Optional.<Price>empty() : decoded(item);
        });
    }

    @Override
    public Map<String, Price> getAll(Collection<String> symbols) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(symbols));
        Map<String, Price> found = new HashMap<>();
        for (int from = 0; from < unique.size(); from += BATCH_GET_LIMIT) {
            List<String> chunk = unique.subList(from, Math.min(unique.size(), from + BATCH_GET_LIMIT));
            timed("batch_get", () -> {
                batchGet(chunk, found);
                return null;
            });
        }
        return found;
    }

    /**
     * A parallel Scan in {@link #SCAN_SEGMENTS} segments, each on its own virtual thread: 10,000
     * prices are a few 1 MB pages per segment. An unreadable item is left out, as in {@link #get}.
     */
    @Override
    public Map<String, Price> scanAll() {
        return timed("scan", () -> {
            Map<String, Price> found = new ConcurrentHashMap<>();
            try (ExecutorService segments = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> running = new ArrayList<>();
                for (int segment = 0; segment < SCAN_SEGMENTS; segment++) {
                    int s = segment;
                    running.add(segments.submit(() -> dynamo.scanPaginator(
                                    b -> b.tableName(table).segment(s).totalSegments(SCAN_SEGMENTS))
                            .items()
                            .forEach(item -> decoded(item).ifPresent(p -> found.put(p.symbol(), p)))));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while scanning " + table, e);
            }
            return Map.copyOf(found);
        });
    }

    private void batchGet(List<String> chunk, Map<String, Price> found) {
        List<Map<String, AttributeValue>> keys =
                chunk.stream().map(s -> Map.of("symbol", str(s))).toList();
        Map<String, KeysAndAttributes> request =
                Map.of(table, KeysAndAttributes.builder().keys(keys).build());
        for (int attempt = 0; !request.isEmpty(); attempt++) {
            if (attempt >= MAX_UNPROCESSED_ATTEMPTS) {
                throw new StoreException("BatchGetItem left keys unprocessed after " + attempt + " attempts", null);
            }
            if (attempt > 0) {
                sleeper.sleepUninterruptibly(Math.min(1_000L, 25L << attempt));
            }
            Map<String, KeysAndAttributes> current = request;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(current));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                decoded(item).ifPresent(p -> found.put(p.symbol(), p));
            }
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
    }

    private <T> T timed(String op, Supplier<T> call) {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            T result = call.get();
            ok = true;
            return result;
        } catch (SdkException e) {
            throw new StoreException("DynamoDB " + op + " failed: " + e.getMessage(), e);
        } finally {
            timer.record(op, System.nanoTime() - start, ok);
        }
    }

    static Map<String, AttributeValue> toItem(Price p) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("symbol", str(p.symbol()));
        item.put("price", str(p.price().toPlainString()));
        item.put("currency", str(p.currency()));
        item.put("ts", num(p.timestamp().toEpochMilli()));
        item.put("tier", str(p.refreshedAs().label()));
        item.put("status", str(p.status().label()));
        if (p.change24h() != null) { // absent = none, so warm-up renders the very bytes the publisher did
            item.put("change24h", str(p.change24h().toPlainString()));
        }
        item.put(
                "sources",
                AttributeValue.fromL(p.sources().stream()
                        .map(s -> AttributeValue.fromM(Map.of(
                                "exchange",
                                str(s.exchange().label()),
                                "price",
                                str(s.price().toPlainString()),
                                "ts",
                                num(s.timestamp().toEpochMilli()))))
                        .toList()));
        item.put(
                "rejected",
                AttributeValue.fromL(p.rejected().stream()
                        .map(r -> AttributeValue.fromM(Map.of(
                                "exchange",
                                str(r.exchange().label()),
                                "price",
                                str(r.price().toPlainString()),
                                "reason",
                                str(r.reason()))))
                        .toList()));
        return item;
    }

    /** The item's price, or empty (logged) when it cannot be one: a refresh will overwrite it. */
    private static Optional<Price> decoded(Map<String, AttributeValue> item) {
        try {
            return Optional.of(fromItem(item));
        } catch (RuntimeException e) { // a missing attribute (NPE), a bad number or label, a record the Price rejects
            LOG.warn("ignored an unreadable item for {}: {}", item.get("symbol"), e.toString());
            return Optional.empty();
        }
    }

    static Price fromItem(Map<String, AttributeValue> item) {
        List<SourcePrice> sources = new ArrayList<>();
        List<RejectedQuote> rejected = new ArrayList<>();
        // an exchange this version does not know (a newer instance wrote it) is skipped: StoredFields
        for (AttributeValue v : item.getOrDefault("sources", EMPTY_LIST).l()) {
            StoredFields.exchange(v.m().get("exchange").s())
                    .ifPresent(e -> sources.add(new SourcePrice(
                            e,
                            StoredFields.decimal(v.m().get("price").s()),
                            Instant.ofEpochMilli(Long.parseLong(v.m().get("ts").n())))));
        }
        for (AttributeValue v : item.getOrDefault("rejected", EMPTY_LIST).l()) {
            StoredFields.exchange(v.m().get("exchange").s())
                    .ifPresent(e -> rejected.add(new RejectedQuote(
                            e,
                            StoredFields.decimal(v.m().get("price").s()),
                            v.m().get("reason").s())));
        }
        return new Price(
                item.get("symbol").s(),
                item.get("currency").s(),
                StoredFields.decimal(item.get("price").s()),
                Instant.ofEpochMilli(Long.parseLong(item.get("ts").n())),
                StoredFields.tier(item.get("tier").s()),
                StoredFields.status(item.get("status").s()),
                sources,
                rejected,
                item.containsKey("change24h")
                        ? StoredFields.signedDecimal(item.get("change24h").s())
                        : null);
    }

    private static AttributeValue str(String s) {
        return AttributeValue.fromS(s);
    }

    private static AttributeValue num(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }

    /** Back-off sleeps, replaceable in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;

        default void sleepUninterruptibly(long millis) {
            try {
                sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted during back-off", e);
            }
        }
    }
}
