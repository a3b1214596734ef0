package io.pricewire.core.store.dynamo;

import io.pricewire.core.history.Bucket;
import io.pricewire.core.history.Candle;
import io.pricewire.core.history.HistoryReader;
import io.pricewire.core.history.HistoryWriter;
import io.pricewire.core.history.Resolution;
import io.pricewire.core.price.StoredFields;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.core.store.PriceStore.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The price history on the DynamoDB table {@code price_history} (docs/architecture.md §3): partition key {@code series}
 * ({@code <SYMBOL>#<1m|1h|1d>}), sort key {@code start} (the bucket's start, epoch ms), TTL attribute {@code expiresAt}
 * (epoch s: start + the resolution's retention; absent for daily buckets, kept forever).
 *
 * <p>A bucket is merged, never overwritten: two writers may cover the same one. The first write is a PutItem on
 * {@code attribute_not_exists(series)} — one write, the usual case. When the bucket is there already, the stored
 * item (returned with the failed condition where DynamoDB does, else read consistently) is merged with ours
 * ({@link Bucket#merge}) and put on the condition that its version {@code v} is still the one read; a concurrent
 * writer's put makes that fail and the merge is made again, at most {@link #MAX_ATTEMPTS} times. A merge that
 * changes nothing is not written.
 */
public final class DynamoHistoryStore implements HistoryWriter, HistoryReader {
    /** Put attempts per bucket; a conflict needs a writer of the same bucket in the same milliseconds. */
    static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(DynamoHistoryStore.class);
    private static final String NEW = "attribute_not_exists(series)";

    private final DynamoDbClient dynamo;
    private final String table;
    private final OperationTimer timer;
    private final int concurrency;

    /**
     * @param timer       gets {@code history_put} (a first write), {@code history_merge} (a merged write, a retry
     *                    counts again), {@code history_get} and {@code history_query}
     * @param concurrency buckets written at once by one {@link #merge} call
     */
    public DynamoHistoryStore(DynamoDbClient dynamo, String table, OperationTimer timer, int concurrency) {
        this.dynamo = dynamo;
        this.table = table;
        this.timer = timer;
        this.concurrency = concurrency;
    }

    /**
     * Creates the table (on-demand) when it does not exist yet, for the local stack and tests. TTL is not enabled:
     * dynalite has no UpdateTimeToLive, and in AWS the CDK stack creates the table with it. Locally nothing expires.
     */
    public void createTableIfMissing() {
        try {
            dynamo.createTable(b -> b.tableName(table)
                    .keySchema(
                            KeySchemaElement.builder()
                                    .attributeName("series")
                                    .keyType(KeyType.HASH)
                                    .build(),
                            KeySchemaElement.builder()
                                    .attributeName("start")
                                    .keyType(KeyType.RANGE)
                                    .build())
                    .attributeDefinitions(
                            AttributeDefinition.builder()
                                    .attributeName("series")
                                    .attributeType(ScalarAttributeType.S)
                                    .build(),
                            AttributeDefinition.builder()
                                    .attributeName("start")
                                    .attributeType(ScalarAttributeType.N)
                                    .build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
        } catch (ResourceInUseException alreadyThere) {
            // another process created it first: exactly what we wanted
        } catch (SdkException e) {
            throw new StoreException("could not create table " + table + ": " + e.getMessage(), e);
        }
    }

    /** Merges the buckets, up to {@code concurrency} at once on virtual threads. */
    @Override
    public void merge(List<Bucket> buckets) {
        Semaphore permits = new Semaphore(concurrency);
        List<Bucket> failed = new ArrayList<>();
        RuntimeException first = null;
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>(buckets.size());
            for (Bucket b : buckets) {
                running.add(writers.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        mergeOne(b);
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (int i = 0; i < running.size(); i++) {
                try {
                    running.get(i).get();
                } catch (Exception e) {
                    failed.add(buckets.get(i));
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
                    }
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new HistoryWriteException(
                    failed.size() + " of " + buckets.size() + " buckets not written: " + first.getMessage(),
                    failed,
                    first);
        }
    }

    @Override
    public List<Candle> candles(String symbol, Resolution resolution, Instant from, Instant to, int limit) {
        if (limit <= 0 || from.isAfter(to)) {
            return List.of();
        }
        return timed("history_query", () -> {
            List<Candle> found = new ArrayList<>();
            Map<String, AttributeValue> startKey = null;
            do {
                Map<String, AttributeValue> after = startKey;
                QueryResponse page = dynamo.query(b -> b.tableName(table)
                        .keyConditionExpression("series = :s AND #start BETWEEN :from AND :to")
                        // the candle only: a third less to send and parse than whole items (24 h of minutes)
                        .projectionExpression("#start, #open, high, low, #close")
                        .expressionAttributeNames(Map.of("#start", "start", "#open", "open", "#close", "close"))
                        .expressionAttributeValues(Map.of(
                                ":s", AttributeValue.fromS(Bucket.series(symbol, resolution)),
                                ":from", num(from.toEpochMilli()),
                                ":to", num(to.toEpochMilli())))
                        .limit(limit - found.size())
                        .exclusiveStartKey(after));
                for (Map<String, AttributeValue> item : page.items()) {
                    candle(item).ifPresent(found::add);
                }
                startKey =
                        page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                                ? page.lastEvaluatedKey()
                                : null;
            } while (startKey != null && found.size() < limit);
            return List.copyOf(found);
        });
    }

    private void mergeOne(Bucket bucket) {
        Optional<Map<String, AttributeValue>> inTheWay = put("history_put", toItem(bucket, 1), NEW, null);
        for (int attempt = 1; inTheWay.isPresent(); attempt++) {
            if (attempt >= MAX_ATTEMPTS) {
                throw new StoreException(
                        "history bucket " + bucket.series() + "@"
                                + bucket.start().toEpochMilli() + " still contended after " + MAX_ATTEMPTS
                                + " attempts",
                        null);
            }
            Map<String, AttributeValue> stored = inTheWay.get().isEmpty() ? storedItem(bucket) : inTheWay.get();
            if (stored.isEmpty()) { // expired or deleted since the condition failed: ours is new again
                inTheWay = put("history_put", toItem(bucket, 1), NEW, null);
                continue;
            }
            Optional<Bucket> known = decoded(bucket.symbol(), bucket.resolution(), stored);
            Bucket merged = known.map(k -> k.merge(bucket)).orElse(bucket); // an unreadable item is replaced
            if (known.isPresent() && merged.equals(known.get())) {
                return; // ours was in it already (a retry after a write whose answer was lost)
            }
            long version = version(stored);
            inTheWay = put("history_merge", toItem(merged, version + 1), "v = :v", Map.of(":v", num(version)));
        }
    }

    /**
     * One conditional PutItem: empty when written, else the item that failed the condition — as DynamoDB returned
     * it, or an empty map when the server returns none (dynalite) and it must be read.
     */
    private Optional<Map<String, AttributeValue>> put(
            String op, Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(item)
                    .conditionExpression(condition)
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            ok = true;
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            ok = true; // the table answered; the condition is ours to handle
            return Optional.of(e.hasItem() ? e.item() : Map.of());
        } catch (SdkException e) {
            throw new StoreException("DynamoDB " + op + " failed: " + e.getMessage(), e);
        } finally {
            timer.record(op, System.nanoTime() - start, ok);
        }
    }

    /** The stored item, read consistently (the merge must see the latest version); empty when there is none. */
    private Map<String, AttributeValue> storedItem(Bucket bucket) {
        return timed("history_get", () -> {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                            .key(Map.of("series", AttributeValue.fromS(bucket.series()), "start", startOf(bucket)))
                            .consistentRead(true))
                    .item();
            return item == null ? Map.<String, AttributeValue>of() : item;
        });
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

    /** The candle of a queried item, or empty (logged) when it cannot be one. */
    private static Optional<Candle> candle(Map<String, AttributeValue> item) {
        try {
            return Optional.of(new Candle(
                    Instant.ofEpochMilli(Long.parseLong(item.get("start").n())),
                    StoredFields.decimal(item.get("open").s()),
                    StoredFields.decimal(item.get("high").s()),
                    StoredFields.decimal(item.get("low").s()),
                    StoredFields.decimal(item.get("close").s())));
        } catch (RuntimeException e) { // a missing attribute (NPE), a bad number
            LOG.warn("ignored an unreadable history item at {}: {}", item.get("start"), e.toString());
            return Optional.empty();
        }
    }

    static Map<String, AttributeValue> toItem(Bucket b, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("series", AttributeValue.fromS(b.series()));
        item.put("start", startOf(b));
        item.put("open", AttributeValue.fromS(b.open().toPlainString()));
        item.put("high", AttributeValue.fromS(b.high().toPlainString()));
        item.put("low", AttributeValue.fromS(b.low().toPlainString()));
        item.put("close", AttributeValue.fromS(b.close().toPlainString()));
        item.put("openAt", num(b.openAt().toEpochMilli()));
        item.put("closeAt", num(b.closeAt().toEpochMilli()));
        item.put("v", num(version));
        b.resolution()
                .retention()
                .ifPresent(
                        keep -> item.put("expiresAt", num(b.start().plus(keep).getEpochSecond())));
        return item;
    }

    /** The stored bucket, or empty (logged) when the item cannot be one. */
    static Optional<Bucket> decoded(String symbol, Resolution resolution, Map<String, AttributeValue> item) {
        try {
            return Optional.of(new Bucket(
                    symbol,
                    resolution,
                    Instant.ofEpochMilli(Long.parseLong(item.get("start").n())),
                    StoredFields.decimal(item.get("open").s()),
                    StoredFields.decimal(item.get("high").s()),
                    StoredFields.decimal(item.get("low").s()),
                    StoredFields.decimal(item.get("close").s()),
                    Instant.ofEpochMilli(Long.parseLong(item.get("openAt").n())),
                    Instant.ofEpochMilli(Long.parseLong(item.get("closeAt").n()))));
        } catch (RuntimeException e) { // a missing attribute (NPE), a bad number
            LOG.warn("ignored an unreadable history item {}: {}", item.get("series"), e.toString());
            return Optional.empty();
        }
    }

    private static long version(Map<String, AttributeValue> item) {
        AttributeValue v = item.get("v");
        return v == null ? 0 : Long.parseLong(v.n());
    }

    private static AttributeValue startOf(Bucket b) {
        return num(b.start().toEpochMilli());
    }

    private static AttributeValue num(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }
}
