package io.pricewire.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.service.support.TimingSensitive;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The per-client limit: a burst, then 429 rate_limited with Retry-After (CoinGecko's 429 on /api/v3, the same budget); a
 * valid API key has its own bucket.
 */
@TimingSensitive
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientRateLimitTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(Map.of(
                "pricewire.rate-limit.enabled", "true",
                "pricewire.rate-limit.requests-per-second", "0.5",
                "pricewire.rate-limit.burst", "10"));
    }

    @Test
    void shouldAnswer429WithRetryAfterWhenAClientExceedsItsBurst() {
        Http http = new Http(server.getURI());
        for (int i = 0; i < 10; i++) {
            assertThat(http.get("/v1/assets?tier=hot").status()).isEqualTo(200);
        }
        Http.Answer limited = http.get("/v1/prices/BTC");
        Http.assertError(limited, 429, "rate_limited");
        assertThat(Integer.parseInt(limited.retryAfter())).isBetween(1, 3);

        // one budget with the CoinGecko-compatible API, which answers in CoinGecko's shape for its clients
        Http.Answer coinGecko = http.get("/api/v3/simple/price?ids=bitcoin&vs_currencies=usd");
        assertThat(coinGecko.status()).as(coinGecko.body()).isEqualTo(429);
        assertThat(coinGecko.contentType()).startsWith("application/json");
        assertThat(coinGecko.json().at("/status/error_code").asInt()).isEqualTo(429);
        assertThat(coinGecko.json().at("/status/error_message").asText()).isNotBlank();
        assertThat(Integer.parseInt(coinGecko.retryAfter())).isBetween(1, 3);

        Http.Answer withKey = http.send(http.request("/v1/assets?tier=hot")
                .header("X-Api-Key", TestStack.API_KEY)
                .GET());
        assertThat(withKey.status()).as("a valid key is its own client").isEqualTo(200);
        Http.Answer forgedKey = http.send(http.request("/v1/assets?tier=hot")
                .header("X-Api-Key", "forged")
                .GET());
        assertThat(forgedKey.status())
                .as("a forged key falls back to the IP's bucket")
                .isEqualTo(429);
        assertThat(http.get("/health").status())
                .as("management endpoints are not limited")
                .isIn(200, 503);
        assertThat(http.get("/prometheus").status()).isEqualTo(200);
    }
}
