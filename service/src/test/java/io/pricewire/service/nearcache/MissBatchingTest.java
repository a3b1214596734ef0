package io.pricewire.service.nearcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A burst of 500 readers of 500 different never-stored cold assets, on empty caches: their misses
 * share batches, each batch makes at most one call to each exchange that has a bulk endpoint, and
 * every reader is answered — with a price, or quickly with 503 for an asset only Coinbase quotes
 * that did not fit Coinbase's budget (it takes one call per product). (Batches closer together
 * than Kraken's shared lane allows, one call every two seconds, would also leave Kraken-only assets
 * unanswered: misses are for never-stored assets, which the warm-up and the first fill make rare.)
 */
@TimingSensitive
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissBatchingTest implements TestPropertyProvider {
    private static final int READERS = 500;

    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        // quiet: nothing else may call the exchanges during the count
        return TestStack.properties(
                TestStack.QUIET,
                Map.of(
                        // the 500 requests leave this 2-core machine over ~0.7 s: a window that holds them all makes
                        // the
                        // burst one batch, and so the exchange budget question one call per exchange
                        "pricewire.misses.window", "2s"));
    }

    @Test
    void shouldMakeAtMostOneCallPerExchangePerBatchWhenManyColdAssetsMissAtOnce() throws Exception {
        Http http = new Http(server.getURI());
        http.awaitReady();
        List<Asset> all = TestStack.universe().all();
        List<Asset> cold = all.subList(all.size() - READERS, all.size());
        double batchesBefore = counter("pricewire.misses.batches");
        TestStack.sim().resetCounts();

        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            for (Asset asset : cold) {
                answers.add(CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            long t0 = System.nanoTime();
                            Http.Answer a = http.get("/v1/prices/" + asset.symbol());
                            return new Answer(asset, a, (System.nanoTime() - t0) / 1_000_000);
                        },
                        pool));
            }
            start.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        }

        double batches = counter("pricewire.misses.batches") - batchesBefore;
        Map<ExchangeId, Long> calls = new EnumMap<>(ExchangeId.class);
        for (ExchangeId e : ExchangeId.values()) {
            calls.put(e, TestStack.sim().requestCount(e));
        }
        int priced = 0;
        long slowest = 0;
        List<String> unavailable = new ArrayList<>();
        for (CompletableFuture<Answer> f : answers) {
            Answer a = f.join();
            slowest = Math.max(slowest, a.millis());
            if (a.answer().status() == 200) {
                priced++;
            } else {
                assertThat(a.answer().status())
                        .as(a.asset().symbol() + ": " + a.answer().body())
                        .isEqualTo(503);
                assertThat(a.answer().json().get("error").asText()).isEqualTo("unavailable");
                assertThat(a.asset().listings().keySet())
                        .as(a.asset().symbol() + " had another exchange to ask")
                        .containsExactly(ExchangeId.COINBASE);
                unavailable.add(a.asset().symbol());
            }
        }
        System.out.printf(
                "%d distinct cold misses: %.0f batches, exchange calls %s, %d priced, %d answered 503 "
                        + "(Coinbase-only beyond its budget), slowest answer %d ms%n",
                READERS, batches, calls, priced, unavailable.size(), slowest);

        assertThat(batches).as("the misses shared batches").isBetween(1.0, 10.0);
        for (ExchangeId bulk : List.of(ExchangeId.BINANCE, ExchangeId.KRAKEN, ExchangeId.OKX)) {
            assertThat((double) calls.get(bulk)).as("calls to " + bulk.label()).isLessThanOrEqualTo(batches);
        }
        assertThat(priced)
                .as("readers answered with a price")
                .isGreaterThanOrEqualTo(READERS - countCoinbaseOnly(cold));
        assertThat(slowest).as("no reader waits on the exchanges for seconds").isLessThan(5_000);
    }

    private static int countCoinbaseOnly(List<Asset> assets) {
        return (int) assets.stream()
                .filter(a -> a.listings().keySet().equals(Set.of(ExchangeId.COINBASE)))
                .count();
    }

    private double counter(String name) {
        var c = registry.find(name).counter();
        return c == null ? 0 : c.count();
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Answer(Asset asset, Http.Answer answer, long millis) {}
}
