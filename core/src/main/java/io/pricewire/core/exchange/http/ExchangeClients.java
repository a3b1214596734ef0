package io.pricewire.core.exchange.http;

import io.pricewire.core.exchange.ExchangeAdapter;
import io.pricewire.core.exchange.ExchangeAdapters;
import io.pricewire.core.exchange.ExchangeId;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Builds what the service and the cold Lambda call the exchanges through, one way for both: one
 * HTTP client, and over it one {@link ExchangeClient} per exchange, with core's adapters.
 */
public final class ExchangeClients {
    private ExchangeClients() {}

    /** The HTTP client of the exchange calls: HTTP/1.1, redirects not followed, its work done on {@code executor}. */
    public static HttpClient httpClient(ExecutorService executor, Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A client for every exchange, at {@code baseUrls} ({@link ExchangeId#baseUrls}), each with its own rate budget
     * and circuit breaker from {@code settings}.
     */
    public static Map<ExchangeId, ExchangeClient> create(
            Map<ExchangeId, URI> baseUrls,
            HttpClient http,
            ExchangeClientSettings settings,
            Clock clock,
            ExchangeListener listener,
            ExecutorService executor) {
        Map<ExchangeId, ExchangeClient> clients = new EnumMap<>(ExchangeId.class);
        for (Map.Entry<ExchangeId, ExchangeAdapter> e :
                ExchangeAdapters.defaults().entrySet()) {
            ExchangeId id = e.getKey();
            clients.put(
                    id, new ExchangeClient(e.getValue(), baseUrls.get(id), http, settings, clock, listener, executor));
        }
        return clients;
    }
}
