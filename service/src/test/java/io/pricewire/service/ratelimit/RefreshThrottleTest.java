package io.pricewire.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/prices/{symbol}/refresh}: an API key gets a few refreshes per period, one per
 * symbol, then 429 {@code rate_limited} with {@code Retry-After}; every call leaves one audit line
 * with the key's fingerprint (never the key), the client address, the symbol and the outcome.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefreshThrottleTest implements TestPropertyProvider {
    private static final String CLIENT = "203.0.113.50";

    @Inject
    EmbeddedServer server;

    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();
    private final Logger auditLogger = (Logger) LoggerFactory.getLogger("io.pricewire.audit");

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(Map.of(
                "pricewire.rate-limit.enabled", "true",
                "pricewire.rate-limit.requests-per-second", "1000",
                "pricewire.rate-limit.burst", "1000",
                "pricewire.rate-limit.forwarded-for-hops", "1",
                "pricewire.rate-limit.refresh-per-key", "3",
                "pricewire.rate-limit.refresh-per-symbol", "1",
                // nothing refills while the test runs, so the counts are exact
                "pricewire.rate-limit.refresh-period", "1m"));
    }

    @BeforeAll
    void listenToTheAuditLog() {
        audit.start();
        auditLogger.addAppender(audit);
    }

    @AfterAll
    void stopListening() {
        auditLogger.detachAppender(audit);
    }

    @Test
    void shouldThrottleRefreshesPerKeyAndPerSymbolAndAuditEveryCall() {
        Http http = new Http(server.getURI());
        http.awaitReady(); // a refresh during the warm-up competes with it for the exchanges' budget

        assertThat(refresh(http, "ETH", TestStack.API_KEY).status()).isEqualTo(200);
        Http.Answer again = refresh(http, "eth", TestStack.API_KEY);
        Http.assertError(again, 429, "rate_limited");
        assertThat(Integer.parseInt(again.retryAfter()))
                .as("the symbol's next slot")
                .isBetween(1, 60);
        assertThat(refresh(http, "SOL", TestStack.API_KEY).status()).isEqualTo(200);
        assertThat(refresh(http, "XRP", TestStack.API_KEY).status()).isEqualTo(200);
        Http.Answer fourth = refresh(http, "BNB", TestStack.API_KEY);
        Http.assertError(fourth, 429, "rate_limited");
        assertThat(fourth.retryAfter()).as("the key's allowance is spent").isNotNull();
        Http.assertError(refresh(http, "BTC", "not-the-key"), 401, "unauthorized");

        List<String> lines = auditLines();
        String key = fingerprint(TestStack.API_KEY);
        assertThat(lines)
                .containsExactly(
                        "refresh key=" + key + " client=" + CLIENT + " symbol=ETH outcome=ok",
                        "refresh key=" + key + " client=" + CLIENT + " symbol=ETH outcome=rate_limited",
                        "refresh key=" + key + " client=" + CLIENT + " symbol=SOL outcome=ok",
                        "refresh key=" + key + " client=" + CLIENT + " symbol=XRP outcome=ok",
                        "refresh key=" + key + " client=" + CLIENT + " symbol=BNB outcome=rate_limited",
                        "refresh key=" + fingerprint("not-the-key") + " client=" + CLIENT
                                + " symbol=BTC outcome=unauthorized");
        assertThat(String.join("\n", lines)).doesNotContain(TestStack.API_KEY).doesNotContain("not-the-key");
    }

    private static Http.Answer refresh(Http http, String symbol, String key) {
        return http.send(http.request("/v1/prices/" + symbol + "/refresh")
                .header("X-Api-Key", key)
                .header("X-Forwarded-For", CLIENT)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private List<String> auditLines() {
        synchronized (audit) {
            return audit.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static String fingerprint(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
