package io.pricewire.service.nearcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** 500 concurrent GETs for one cold asset on empty caches: one DynamoDB read, at most one call per exchange. */
@TimingSensitive
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleFlightTest implements TestPropertyProvider {
    private static final String COLD = "NYVO4";

    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        // quiet: nothing else may call the exchanges during the count
        return TestStack.properties(TestStack.QUIET);
    }

    @Test
    void shouldCoalesceConcurrentMissesIntoOneLoad() throws Exception {
        Http http = new Http(server.getURI());
        http.awaitReady();
        long storeGetsBefore = storeGets();
        TestStack.sim().resetCounts();

        List<CompletableFuture<Http.Answer>> answers = new ArrayList<>();
        Http shared =
                new Http(server.getURI()); // one client, 500 connections: 500 clients would be 500 selector threads
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 500; i++) {
                answers.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                start.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return shared.get("/v1/prices/" + COLD);
                        },
                        pool));
            }
            start.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        }
        Set<String> prices = new HashSet<>();
        for (CompletableFuture<Http.Answer> f : answers) {
            Http.Answer a = f.join();
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            prices.add(a.json().get("price").asText());
        }
        assertThat(prices).as("every reader got the one loaded price").hasSize(1);
        assertThat(storeGets() - storeGetsBefore).as("DynamoDB GetItem calls").isEqualTo(1);
        for (ExchangeId e : ExchangeId.values()) {
            assertThat(TestStack.sim().requestCount(e))
                    .as("calls to " + e.label())
                    .isLessThanOrEqualTo(1);
        }
    }

    private long storeGets() {
        return registry.find("pricewire.store.request").tag("op", "get").timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }
}
