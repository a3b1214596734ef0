package io.pricewire.service.fastpath;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.SymbolSyntax;
import io.pricewire.core.asset.Tier;
import io.pricewire.service.api.CacheControl;
import io.pricewire.service.nearcache.NearCache;
import io.pricewire.service.nearcache.PriceJson;
import io.pricewire.service.nearcache.PriceReader;
import io.pricewire.service.nearcache.ReadyPrice;
import io.pricewire.service.ratelimit.ClientIdentity;
import io.pricewire.service.ratelimit.ClientRateLimiter;
import io.pricewire.service.tiers.DemandTiers;
import io.pricewire.service.tiers.TierDirectory;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * What the Netty fast path ({@link FastPathHandler}) may answer by itself: {@code GET
 * /v1/prices/{symbol}} for a tracked asset whose price the near cache holds and trusts, for a
 * client within its rate limit. The body is {@link PriceJson#body} of the near cache's {@link
 * ReadyPrice} — the same bytes the controller writes — and the request is counted in the same meters ({@code
 * http.server.requests} with the controller's tags, {@code pricewire.cache.requests}) and in
 * demand, so the fast path is invisible from outside except in speed.
 *
 * <p>Anything else returns {@code null} and the request goes through Micronaut as usual: bad or
 * unknown symbols (their JSON errors), near-cache misses (Redis, DynamoDB, single flight),
 * clients over their limit (429), and everything but that one route.
 */
@Singleton
@Requires(property = FastPriceAnswers.ENABLED, notEquals = "false")
public final class FastPriceAnswers {
    static final String ENABLED = "pricewire.fast-path.enabled";
    static final String PREFIX = "/v1/prices/";

    private final NearCache nearCache;
    private final TierDirectory tiers;
    private final PriceReader reader;
    private final PriceJson json;
    private final DemandTiers demand;
    private final ClientRateLimiter limiter;
    private final ClientIdentity clients;
    private final Clock clock;
    private final CacheControl cacheControl;
    private final Timer served;
    private final Counter fast;

    FastPriceAnswers(
            NearCache nearCache,
            TierDirectory tiers,
            PriceReader reader,
            PriceJson json,
            DemandTiers demand,
            ClientRateLimiter limiter,
            ClientIdentity clients,
            CacheControl cacheControl,
            Clock clock,
            MeterRegistry registry) {
        this.clients = clients;
        this.cacheControl = cacheControl;
        this.nearCache = nearCache;
        this.tiers = tiers;
        this.reader = reader;
        this.json = json;
        this.demand = demand;
        this.limiter = limiter;
        this.clock = clock;
        // the controller's own series (Micronaut's ServerMetricsFilter tags), so dashboards and SLO alerts see every
        // request
        this.served = Timer.builder("http.server.requests")
                .tags("exception", "none", "method", "GET", "status", "200", "uri", "/v1/prices/{symbol}")
                .register(registry);
        this.fast = Counter.builder("pricewire.http.fast.path")
                .description(
                        "GET /v1/prices/{symbol} answered by the Netty fast path (the rest of http.server.requests went through Micronaut)")
                .register(registry);
    }

    /** A 200 answer: the JSON body and the {@code Cache-Control} value the controller would send with it. */
    public record Answer(byte[] body, String cacheControl) {}

    /**
     * The 200 answer to {@code GET uri}, or {@code null} when Micronaut must answer.
     * Nothing is taken or counted (rate-limit token, cache meter, demand) unless the answer is
     * given here, so a request handed to Micronaut is counted once, there.
     *
     * @param uri          the request target as sent (path and query)
     * @param apiKey       the {@code X-Api-Key} header, if any (it selects the client's rate-limit bucket)
     * @param forwardedFor the {@code X-Forwarded-For} header, if any
     * @param remote       the peer's address
     * @param micronauts   given the body's length, whether Micronaut must send it anyway (it would compress it)
     */
    @Nullable
    public Answer answer(
            String uri,
            @Nullable String apiKey,
            @Nullable String forwardedFor,
            InetAddress remote,
            IntPredicate micronauts) {
        String symbol = symbolOf(uri);
        if (symbol == null) {
            return null;
        }
        ReadyPrice ready = nearCache.ready(symbol); // the one map lookup: asset, price and JSON come with it
        if (ready == null || ready.asset() == null) {
            return null;
        }
        Asset asset = ready.asset();
        Tier tier = tiers.tierOf(asset);
        long now = clock.millis();
        if (!reader.trusts(ready, tier, now)) {
            return null;
        }
        byte[] body = json.body(ready, tier, now);
        if (micronauts.test(body.length)) {
            return null;
        }
        // who asks is worked out only when someone needs it (the benchmark turns both off)
        String client = limiter.enabled() || demand.counting() ? clients.of(apiKey, forwardedFor, remote) : null;
        if (limiter.enabled() && limiter.take(client) != 0) {
            return null; // the filter takes from the same (empty) bucket and answers 429
        }
        reader.countNearHit(tier);
        if (client != null) {
            demand.record(asset, client);
        }
        return new Answer(body, cacheControl.of(tier));
    }

    /** Counts a request answered here, {@code nanos} after it was read. */
    public void served(long nanos) {
        served.record(nanos, TimeUnit.NANOSECONDS);
        fast.increment();
    }

    /** The canonical symbol of {@code /v1/prices/{symbol}} with a plain letters-and-digits symbol, else {@code null}. */
    @Nullable
    static String symbolOf(String uri) {
        if (!uri.startsWith(PREFIX)) {
            return null;
        }
        int length = uri.length() - PREFIX.length();
        if (length < 1 || length > SymbolSyntax.MAX_LENGTH) {
            return null;
        }
        for (int i = PREFIX.length(); i < uri.length(); i++) {
            if (!SymbolSyntax.isSymbolCharacter(uri.charAt(i))) {
                return null; // '%', '?', '/', ';' …: Micronaut's decoding and routing decide
            }
        }
        return SymbolSyntax.canonical(uri.substring(PREFIX.length()));
    }
}
