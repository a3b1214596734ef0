package io.pricewire.service.ratelimit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.pricewire.service.auth.ApiKeyCheck;
import io.pricewire.service.config.RateLimitProperties;
import jakarta.inject.Singleton;
import java.net.InetAddress;

/**
 * Who a request counts as, for the rate limit and for demand: the API key when it is a valid one
 * (so a forged key cannot mint fresh identities), else the client address ({@link ClientAddress}).
 * The Micronaut side and the Netty fast path both ask here, so a client is one client whichever
 * answers it.
 */
@Singleton
public final class ClientIdentity {
    static final String API_KEY = "key";
    private final ApiKeyCheck apiKey;
    private final int hops;

    ClientIdentity(RateLimitProperties props, ApiKeyCheck apiKey) {
        this.apiKey = apiKey;
        this.hops = props.forwardedForHops();
    }

    /**
     * @param apiKeyHeader the {@code X-Api-Key} header, if any
     * @param forwardedFor every {@code X-Forwarded-For} line joined ({@link ClientAddress#joined}), if any
     */
    public String of(@Nullable String apiKeyHeader, @Nullable String forwardedFor, InetAddress remote) {
        if (apiKeyHeader != null && apiKey.isValid(apiKeyHeader)) {
            return API_KEY;
        }
        return "ip:" + address(forwardedFor, remote);
    }

    public String of(HttpRequest<?> request) {
        return of(
                request.getHeaders().get("X-Api-Key"),
                forwardedFor(request),
                request.getRemoteAddress().getAddress());
    }

    /** The client's address, whatever key it sent. */
    public String address(@Nullable String forwardedFor, InetAddress remote) {
        return ClientAddress.of(forwardedFor, remote, hops);
    }

    public String address(HttpRequest<?> request) {
        return address(forwardedFor(request), request.getRemoteAddress().getAddress());
    }

    @Nullable
    private static String forwardedFor(HttpRequest<?> request) {
        return ClientAddress.joined(request.getHeaders().getAll(ClientAddress.FORWARDED_FOR));
    }
}
