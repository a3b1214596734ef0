package io.pricewire.service.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.SymbolSyntax;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.price.Price;
import io.pricewire.core.refresh.RefreshEngine;
import io.pricewire.core.refresh.RefreshSettings;
import io.pricewire.core.refresh.Trigger;
import io.pricewire.service.auth.ApiKeyCheck;
import io.pricewire.service.errors.ApiErrors;
import io.pricewire.service.errors.ApiException;
import io.pricewire.service.errors.ErrorResponses;
import io.pricewire.service.nearcache.NearCache;
import io.pricewire.service.nearcache.PriceJson;
import io.pricewire.service.nearcache.PriceReader;
import io.pricewire.service.ratelimit.ClientIdentity;
import io.pricewire.service.ratelimit.RefreshThrottle;
import io.pricewire.service.tiers.DemandTiers;
import io.pricewire.service.tiers.TierDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public price API (docs/architecture.md §5). Every price answer is {@link PriceJson}'s
 * pre-rendered bytes — the same the Netty fast path sends — not a record for Micronaut to
 * serialise: that is the cost of a read. The {@code @ApiResponse} schemas name the typed records
 * those bytes are, which {@code ResponseParityTest} holds them to.
 */
@Controller("/v1/prices")
@Tag(name = "prices")
class PriceController {
    private static final Logger AUDIT = LoggerFactory.getLogger("io.pricewire.audit");
    private static final Pattern UNPRINTABLE = Pattern.compile("[^\\x21-\\x7e]");
    private final Symbols symbols;
    private final PriceReader reader;
    private final PriceJson json;
    private final TierDirectory tiers;
    private final RefreshEngine engine;
    private final ApiKeyCheck apiKey;
    private final Clock clock;
    private final RefreshSettings settings;
    private final DemandTiers demand;
    private final NearCache nearCache;
    private final ClientIdentity clients;
    private final RefreshThrottle refreshThrottle;
    private final CacheControl cacheControl;

    PriceController(
            Symbols symbols,
            PriceReader reader,
            PriceJson json,
            TierDirectory tiers,
            RefreshEngine engine,
            ApiKeyCheck apiKey,
            Clock clock,
            RefreshSettings settings,
            DemandTiers demand,
            NearCache nearCache,
            ClientIdentity clients,
            RefreshThrottle refreshThrottle,
            CacheControl cacheControl) {
        this.clients = clients;
        this.refreshThrottle = refreshThrottle;
        this.nearCache = nearCache;
        this.cacheControl = cacheControl;
        this.demand = demand;
        this.symbols = symbols;
        this.reader = reader;
        this.json = json;
        this.tiers = tiers;
        this.engine = engine;
        this.apiKey = apiKey;
        this.clock = clock;
        this.settings = settings;
    }

    @Get(uri = "/{symbol}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The latest aggregated USD price of one asset")
    @ApiResponse(
            responseCode = "200",
            description = "the price",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PriceResponse.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.UnknownSymbol
    @ErrorResponses.RateLimited
    @ErrorResponses.Unavailable
    CompletableFuture<HttpResponse<byte[]>> one(
            @Parameter(description = "asset symbol, case-insensitive") @PathVariable String symbol,
            HttpRequest<?> request) {
        Asset asset = symbols.resolve(symbol);
        if (demand.counting()) {
            demand.record(asset, clients.of(request));
        }
        return reader.read(asset)
                .thenApply(found -> found.map(p -> {
                            Tier tier = tiers.tierOf(asset);
                            return ok(json.one(p, tier, clock.instant()), cacheControl.of(tier));
                        })
                        .orElseThrow(() -> unavailable(asset.symbol())));
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The latest prices of 1 to 100 assets",
            description = "Unknown symbols are listed under `unknown`.")
    @ApiResponse(
            responseCode = "200",
            description = "the prices",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PricesResponse.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.RateLimited
    CompletableFuture<HttpResponse<byte[]>> many(
            @Parameter(description = "comma-separated symbols") @Nullable @QueryValue("symbols") String list,
            HttpRequest<?> request) {
        Symbols.Batch batch = symbols.batch(list);
        if (demand.counting()) {
            // like as many single GETs from this client: a point per asset per client, however long the list
            String client = clients.of(request);
            batch.known().forEach(a -> demand.record(a, client));
        }
        return reader.readAll(batch.known()).thenApply(found -> {
            Instant now = clock.instant();
            List<Price> prices = new ArrayList<>();
            List<Tier> currentTiers = new ArrayList<>();
            List<String> unknown = new ArrayList<>(batch.unknown());
            for (Asset a : batch.known()) {
                Price p = found.get(a.symbol());
                if (p == null) {
                    unknown.add(a.symbol());
                } else {
                    prices.add(p);
                    currentTiers.add(tiers.tierOf(a));
                }
            }
            return ok(json.many(prices, currentTiers, unknown, now), cacheControl.of(currentTiers));
        });
    }

    @Post(uri = "/{symbol}/refresh", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Refresh one asset from the exchanges now (needs X-Api-Key)")
    @ApiResponse(
            responseCode = "200",
            description = "the new price",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PriceResponse.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ErrorResponses.UnknownSymbol
    @ErrorResponses.RateLimited
    @ApiResponse(
            responseCode = "503",
            description = "unavailable: no exchange answered; with the last known price when there is one",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RefreshUnavailableResponse.class)))
    HttpResponse<byte[]> refresh(
            @PathVariable String symbol, @Nullable @Header("X-Api-Key") String key, HttpRequest<?> request) {
        String fingerprint = key == null ? "none" : ApiKeyCheck.fingerprint(key);
        String audited = auditable(symbol);
        String outcome = "error";
        try {
            apiKey.require(key);
            Asset asset = symbols.resolve(symbol);
            long waitNanos = refreshThrottle.take(fingerprint, asset.symbol());
            if (waitNanos > 0) {
                outcome = "rate_limited";
                return ApiErrors.rateLimited("refreshes with this key", waitNanos);
            }
            Tier tier = tiers.tierOf(asset);
            Map<String, Price> fresh = engine.refresh(
                            List.of(asset),
                            tier,
                            Trigger.API,
                            settings.fetchBudget().get(Tier.HOT))
                    .prices();
            Price price = fresh.get(asset.symbol());
            if (price != null) {
                nearCache.offer(price);
                outcome = "ok";
                return ok(json.one(price, tier, clock.instant()), CacheControl.NO_STORE);
            }
            Optional<Price> last = reader.read(asset).join();
            byte[] lastJson = last.map(p -> concat("\"price\":", json.one(p, tier, clock.instant())))
                    .orElse(null);
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "unavailable",
                    "No exchange answered for " + asset.symbol() + "; the last known price is unchanged.",
                    lastJson);
        } catch (ApiException e) {
            outcome = e.code();
            throw e;
        } finally {
            // one line per call, whatever its outcome: who (key fingerprint, address) refreshed what
            AUDIT.info(
                    "refresh key={} client={} symbol={} outcome={}",
                    fingerprint,
                    printable(clients.address(request)),
                    audited,
                    outcome);
        }
    }

    /** An address as the audit log may print it: a forged X-Forwarded-For entry cannot forge log lines. */
    private static String printable(String address) {
        return UNPRINTABLE.matcher(address).replaceAll("?");
    }

    /** The symbol as the audit log may print it: what was asked for when it is a symbol at all. */
    private static String auditable(String symbol) {
        String upper = SymbolSyntax.canonical(symbol);
        return SymbolSyntax.isValid(upper) ? upper : "(invalid)";
    }

    private static HttpResponse<byte[]> ok(byte[] body, String cacheControl) {
        return HttpResponse.ok(body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(CacheControl.HEADER, cacheControl);
    }

    private static ApiException unavailable(String symbol) {
        return new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "unavailable",
                "No price for " + symbol + " has been stored yet and none could be fetched; try again shortly.");
    }

    private static byte[] concat(String prefix, byte[] rest) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[p.length + rest.length];
        System.arraycopy(p, 0, out, 0, p.length);
        System.arraycopy(rest, 0, out, p.length, rest.length);
        return out;
    }
}
