package io.pricewire.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Behind one forwarding proxy (one address as the service sees it), each client has its own
 * budget, keyed on the entry the proxy appended to {@code X-Forwarded-For}. Clients are told apart
 * by their loopback source address (127.0.0.2, .3 …), as the proxy sees them. Half of each
 * client's requests go through the Netty fast path ({@code /v1/prices/BTC}), half through Micronaut.
 */
@TimingSensitive
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardedForRateLimitTest implements TestPropertyProvider {
    private static final int BURST = 5;
    private static final int SENT = 8;

    @Inject
    EmbeddedServer server;

    private ForwardingProxy proxy;

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(
                TestStack.FIXED_TIERS,
                Map.of(
                        "pricewire.rate-limit.enabled", "true",
                        // one token per 10 s: no refill while a test sends its few requests, so the counts are exact
                        "pricewire.rate-limit.requests-per-second", "0.1",
                        "pricewire.rate-limit.burst", Integer.toString(BURST),
                        "pricewire.rate-limit.forwarded-for-hops", "1"));
    }

    @BeforeAll
    void startProxy() throws IOException {
        new Http(server.getURI()).awaitReady();
        proxy = new ForwardingProxy(server.getURI());
    }

    @AfterAll
    void stopProxy() {
        proxy.close();
    }

    @Test
    void shouldGiveEachClientBehindOneProxyItsOwnBudget() {
        assertThat(limitedOf("127.0.0.2", i -> null)).as("first client").isEqualTo(SENT - BURST);
        assertThat(limitedOf("127.0.0.3", i -> null))
                .as("second client, same proxy")
                .isEqualTo(SENT - BURST);
    }

    @Test
    void shouldGiveNoExtraBudgetWhenAClientWritesItsOwnForwardedForEntries() {
        int limited = limitedOf("127.0.0.4", i -> "198.51.100." + i + ", 203.0.113." + i);
        assertThat(limited).as("a fresh forged entry on every request").isEqualTo(SENT - BURST);
    }

    @Test
    void shouldReadEveryForwardedForLineAsOneList() {
        // straight to the service: the last line is the "proxy's", the first one the client's own
        Http http = new Http(server.getURI());
        int limited = 0;
        for (int i = 0; i < SENT; i++) {
            HttpRequest.Builder r = http.request(i % 2 == 0 ? "/v1/prices/BTC" : "/v1/assets?tier=hot")
                    .header(ClientAddress.FORWARDED_FOR, "198.51.100." + i)
                    .header(ClientAddress.FORWARDED_FOR, "192.0.2.77")
                    .GET();
            limited += http.send(r).status() == 429 ? 1 : 0;
        }
        assertThat(limited).isEqualTo(SENT - BURST);
    }

    /** Sends {@link #SENT} GETs through the proxy from {@code source}; returns how many were answered 429. */
    private int limitedOf(String source, IntFunction<String> ownForwardedFor) {
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .localAddress(InetAddress.getByName(source))
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            int limited = 0;
            for (int i = 0; i < SENT; i++) {
                URI uri = proxy.uri().resolve(i % 2 == 0 ? "/v1/prices/BTC" : "/v1/assets?tier=hot");
                HttpRequest.Builder r = HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .GET();
                String own = ownForwardedFor.apply(i);
                if (own != null) {
                    r.header(ClientAddress.FORWARDED_FOR, own);
                }
                HttpResponse<String> answer = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 429) {
                    assertThat(answer.body()).contains("\"error\":\"rate_limited\"");
                    assertThat(answer.headers().firstValue("retry-after")).isPresent();
                    limited++;
                } else {
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                }
            }
            return limited;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
