package io.pricewire.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricewire.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for tests, so status, headers and raw bodies are seen exactly as a client sees them. */
public final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    public Http(URI base) {
        this.base = base;
    }

    public Answer get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
    }

    public Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r =
                    client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    r.statusCode(),
                    r.headers().firstValue("content-type").orElse(""),
                    r.body(),
                    r.headers().firstValue("retry-after").orElse(null),
                    r.headers().firstValue("cache-control").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery));
    }

    /** Waits for {@code /health/readiness} to answer 200 (warm-up done), as a load balancer would before sending traffic. */
    public Http awaitReady() {
        Await.until(
                "readiness",
                Duration.ofSeconds(60),
                () -> get("/health/readiness").status() == 200);
        return this;
    }

    /** One answer: status, the headers tests look at, and the body (parsed on demand). */
    /** Asserts {@code a} is the API's JSON error {@code code} with {@code status}, and leaks nothing of the server. */
    public static void assertError(Answer a, int status, String code) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/json");
        assertThat(a.json().get("error").asText()).isEqualTo(code);
        assertThat(a.json().get("message").asText()).isNotBlank();
        assertThat(a.body())
                .doesNotContain("Exception")
                .doesNotContain("io.pricewire")
                .doesNotContain("<html");
    }

    public record Answer(int status, String contentType, String body, String retryAfter, String cacheControl) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }
}
