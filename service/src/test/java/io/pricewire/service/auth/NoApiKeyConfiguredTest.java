package io.pricewire.service.auth;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With no PRICEWIRE_API_KEY configured, no key opens the write endpoints — not even an empty one. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoApiKeyConfiguredTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(Map.of("pricewire.api-key", ""));
    }

    @Test
    void shouldRefuseEveryRefreshWhenNoKeyIsConfigured() {
        Http http = new Http(server.getURI());
        for (String key : new String[] {"", " ", TestStack.API_KEY, "anything"}) {
            Http.assertError(
                    http.send(http.request("/v1/prices/BTC/refresh")
                            .header("X-Api-Key", key)
                            .POST(HttpRequest.BodyPublishers.noBody())),
                    401,
                    "unauthorized");
        }
        Http.assertError(
                http.send(http.request("/v1/prices/BTC/refresh").POST(HttpRequest.BodyPublishers.noBody())),
                401,
                "unauthorized");
    }
}
