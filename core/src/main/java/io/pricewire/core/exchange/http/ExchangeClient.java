package io.pricewire.core.exchange.http;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.pricewire.core.exchange.ExchangeAdapter;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.core.exchange.ListingResponse;
import io.pricewire.core.exchange.Quote;
import io.pricewire.core.exchange.TickerRequest;
import io.pricewire.core.exchange.TickerResponse;
import io.pricewire.core.exchange.TickerResponse.FailureKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one exchange through its {@link ExchangeAdapter}: every call passes a rate limiter set to
 * the exchange's public limit (shared by every tier in the process), a circuit breaker, a
 * per-call timeout, and a back-off that honours {@code Retry-After} after a 429/418. A fetch
 * never outlives its budget: whatever answered by then is returned, the rest is reported as a
 * timeout. The per-call timeout covers the whole answer, body included, and a body is read up to
 * {@link ExchangeClientSettings#maxBodyBytes()} only.
 *
 * <p>Pairs the exchange does not trade are left out of calls: those its market listing
 * ({@link #refreshListings(Duration)}) does not name as trading, and those it answered as unknown. One unknown pair
 * makes Binance, Kraken and OKX refuse a whole list call; such a call is split in halves until the pair is found
 * (within the fetch's deadline and rate budget), the other pairs' quotes are returned, and the pair is left out
 * until {@link ExchangeClientSettings#unlistedRecheck()} has passed. Pairs of a refused list stay suspect until a
 * call naming them succeeds and are asked for apart from the rest, so a search that ran out of time in one cycle
 * goes on in the next instead of costing the whole list again.
 */
public final class ExchangeClient implements TickerSource {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeClient.class);
    private final ExchangeAdapter adapter;
    private final URI baseUri;
    private final HttpClient http;
    private final ExchangeClientSettings settings;
    private final Clock clock;
    private final ExchangeListener listener;
    private final ExecutorService executor;
    private final ExchangeRateLimiter sharedLane;
    private final ExchangeRateLimiter priorityLane;
    private final CircuitBreaker breaker;
    private final AtomicReference<Instant> backoffUntil = new AtomicReference<>(Instant.EPOCH);
    // keyed by the universe's pairs on this exchange, so bounded by the universe
    /** Pairs the exchange answered as unknown → when to ask for them again. */
    private final Map<String, Instant> unlistedUntil = new ConcurrentHashMap<>();
    /**
     * Pairs of a list the exchange refused for an unknown pair, not yet cleared by a call that named them → the
     * group (a half of a refused list) they are asked for in, so a search goes on where it stopped.
     */
    private final Map<String, Long> suspects = new ConcurrentHashMap<>();

    private final AtomicLong suspectGroups = new AtomicLong();
    /** Pairs logged as unlisted: each is logged at WARN once, and again at INFO when it answers again. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** Pairs left out of the latest calls as not listed: the gauge's value. */
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();

    private final AtomicInteger lastReportedSkipped = new AtomicInteger(-1);
    /** The pairs the exchange's listing names as trading; {@code null} until a listing was read: ask for everything. */
    private volatile Set<String> tradeable;

    public ExchangeClient(
            ExchangeAdapter adapter,
            URI baseUri,
            HttpClient http,
            ExchangeClientSettings settings,
            Clock clock,
            ExchangeListener listener,
            ExecutorService executor) {
        this.adapter = adapter;
        this.baseUri = baseUri;
        this.http = http;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        this.executor = executor;
        double share = settings.priorityShare();
        double all = settings.limitShare();
        ExchangeAdapter.RateLimit limit = adapter.rateLimit().times(settings.rateLimitScale());
        this.sharedLane = new ExchangeRateLimiter(limit, all * (1 - share));
        this.priorityLane = share > 0 ? new ExchangeRateLimiter(limit, all * share) : sharedLane;
        this.breaker = CircuitBreaker.of(
                adapter.id().label(),
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(settings.breakerWindow())
                        .minimumNumberOfCalls(Math.max(1, settings.breakerWindow() / 2))
                        .failureRateThreshold(settings.breakerFailureRate())
                        .waitDurationInOpenState(settings.breakerOpenFor())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .build());
        this.breaker
                .getEventPublisher()
                .onStateTransition(e -> listener.onBreakerState(
                        adapter.id(),
                        label(e.getStateTransition().getFromState()),
                        label(e.getStateTransition().getToState())));
    }

    public ExchangeId id() {
        return adapter.id();
    }

    /** Fetches tickers for {@code listings} in the shared lane, completing within {@code budget} with what arrived by then. */
    public CompletableFuture<TickerResponse> fetch(List<Listing> listings, Duration budget) {
        return fetch(listings, budget, Lane.SHARED);
    }

    /** As {@link #fetch(List, Duration, Lane)}: {@code priority} fetches use the lane reserved for them. */
    public CompletableFuture<TickerResponse> fetch(List<Listing> listings, Duration budget, boolean priority) {
        return fetch(listings, budget, priority ? Lane.PRIORITY : Lane.SHARED);
    }

    /**
     * As {@link #fetch(List, Duration)}, drawing on {@code from}'s rate budget. Listings the exchange does not
     * trade are not asked for; their symbols are in the answer's {@code errors}.
     */
    @Override
    public CompletableFuture<TickerResponse> fetch(List<Listing> listings, Duration budget, Lane from) {
        RateBudget lane = switch (from) {
            case PRIORITY -> priorityLane;
            case SHARED -> sharedLane;
            case SHARED_OR_SPARE_PRIORITY -> RateBudget.firstOrSpare(sharedLane, priorityLane);
        };
        if (listings.isEmpty()) {
            return CompletableFuture.completedFuture(TickerResponse.ok(List.of(), Map.of()));
        }
        Instant now = clock.instant();
        Instant deadline = now.plus(budget);
        ConcurrentLinkedQueue<TickerResponse> answers = new ConcurrentLinkedQueue<>();
        List<Listing> clear = new ArrayList<>();
        SortedMap<Long, List<Listing>> suspect = new TreeMap<>();
        Map<String, String> notListed = new LinkedHashMap<>();
        for (Listing listing : listings) {
            String reason = notListedReason(listing, now);
            if (reason != null) {
                notListed.put(listing.symbol(), reason);
                skipped.add(listing.pair());
            } else {
                skipped.remove(listing.pair());
                Long group = suspects.get(listing.pair());
                (group == null ? clear : suspect.computeIfAbsent(group, g -> new ArrayList<>())).add(listing);
            }
        }
        reportSkipped();
        if (!notListed.isEmpty()) {
            answers.add(TickerResponse.ok(List.of(), notListed));
        }
        // the oldest suspect group first, then the rest: when the rate budget allows only a call or two (Kraken),
        // every fetch still takes the search for an unknown pair one step further without starving the clear pairs
        List<TickerRequest> requests = new ArrayList<>();
        suspect.values().stream().limit(1).forEach(group -> requests.addAll(adapter.plan(group)));
        requests.addAll(adapter.plan(clear));
        suspect.values().stream().skip(1).forEach(group -> requests.addAll(adapter.plan(group)));
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (TickerRequest request : requests) {
            calls.add(CompletableFuture.runAsync(() -> callIsolating(request, deadline, lane, answers), executor));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, budget.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(t -> null)
                .thenApply(done -> merge(List.copyOf(answers), calls.stream().allMatch(CompletableFuture::isDone)));
    }

    /** Why {@code listing} is not asked for, or {@code null} when it is. */
    private String notListedReason(Listing listing, Instant now) {
        Instant until = unlistedUntil.get(listing.pair());
        if (until != null) {
            if (now.isBefore(until)) {
                return "not listed on " + adapter.id().label() + ": it answered " + listing.pair() + " as unknown";
            }
            unlistedUntil.remove(listing.pair(), until);
        }
        Set<String> listed = tradeable;
        if (listed != null && !listed.contains(listing.pair()) && !listed.contains(listing.resultKey())) {
            return "not trading on " + adapter.id().label() + " according to its market listing";
        }
        return null;
    }

    /**
     * Makes {@code request}; when the exchange refuses it for an unknown pair, asks for each half of its pairs
     * (recursively, halves in parallel) until the unknown pair stands alone, then remembers it. Every usable
     * answer goes to {@code answers} as it arrives, so a search cut short by the deadline still returns what it found.
     */
    private void callIsolating(
            TickerRequest request, Instant deadline, RateBudget lane, Queue<TickerResponse> answers) {
        TickerResponse response = call(request, deadline, lane);
        if (!response.isFailure() || !response.failure().unknownPair()) {
            if (!response.isFailure()) {
                cleared(request);
            }
            answers.add(response);
            return;
        }
        Map<String, List<Listing>> byPair = Listing.byPair(request.listings());
        if (byPair.size() <= 1) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (Listing listing : request.listings()) {
                markUnlisted(listing.pair(), response.failure().message());
                errors.put(
                        listing.symbol(),
                        "not listed on " + adapter.id().label() + ": "
                                + response.failure().message());
            }
            answers.add(TickerResponse.ok(List.of(), errors));
            return;
        }
        List<String> pairs = new ArrayList<>(byPair.keySet());
        int middle = pairs.size() / 2;
        List<CompletableFuture<Void>> halves = new ArrayList<>();
        for (List<String> half : List.of(pairs.subList(0, middle), pairs.subList(middle, pairs.size()))) {
            long group = suspectGroups.incrementAndGet();
            half.forEach(pair -> suspects.put(pair, group));
            List<Listing> part =
                    half.stream().flatMap(pair -> byPair.get(pair).stream()).toList();
            for (TickerRequest narrower : adapter.plan(part)) {
                halves.add(
                        CompletableFuture.runAsync(() -> callIsolating(narrower, deadline, lane, answers), executor));
            }
        }
        CompletableFuture.allOf(halves.toArray(CompletableFuture[]::new))
                .exceptionally(t -> null)
                .join();
    }

    /** A call naming these pairs succeeded: none of them is unknown. */
    private void cleared(TickerRequest request) {
        for (Listing listing : request.listings()) {
            suspects.remove(listing.pair());
            if (reported.remove(listing.pair())) {
                LOG.info("{} answers for {} again", adapter.id().label(), listing.pair());
            }
        }
    }

    private void markUnlisted(String pair, String message) {
        Instant until = clock.instant().plus(settings.unlistedRecheck());
        unlistedUntil.put(pair, until);
        // the refusal that made every other pair of the search a suspect is explained: asking for them in
        // separate calls from now on would cost Kraken (one call a second) whole cycles of quotes; a second
        // unknown pair makes the next call fail again and the search start over
        suspects.clear();
        skipped.add(pair);
        if (reported.add(pair)) {
            LOG.warn(
                    "{} does not know the pair {} ({}): left out of its calls, asked again after {}",
                    adapter.id().label(),
                    pair,
                    message,
                    until);
        } else {
            LOG.debug("{} still does not know the pair {} ({})", adapter.id().label(), pair, message);
        }
        reportSkipped();
    }

    private void reportSkipped() {
        int count = skipped.size();
        if (lastReportedSkipped.getAndSet(count) != count) {
            listener.onUnlistedPairs(adapter.id(), count);
        }
    }

    /** How many pairs the latest calls left out as not listed. */
    public int unlistedPairs() {
        return skipped.size();
    }

    /**
     * Reads the exchange's market listing within {@code budget} and, when it could be read, leaves pairs it does not
     * name as trading out of later fetches. When it cannot be read, the last listing read stays in force (none: every
     * pair is asked for): a failed listing call never stops calls for prices. The call takes its weight from the
     * shared lane and honours a back-off, but not the circuit breaker: the breaker judges price calls, and an open
     * one already keeps this exchange out.
     */
    public ListingResponse refreshListings(Duration budget) {
        Instant deadline = clock.instant().plus(budget);
        ListingResponse response = listingCall(adapter.listingRequest(), deadline);
        if (response.isFailure()) {
            LOG.warn(
                    "could not read the {} market listing ({}: {}); {}",
                    adapter.id().label(),
                    label(response.failure().kind()),
                    response.failure().message(),
                    tradeable == null
                            ? "asking for every pair"
                            : "keeping the last one (" + tradeable.size() + " pairs)");
            return response;
        }
        Set<String> listed = response.tradeable();
        tradeable = listed;
        Instant now = clock.instant();
        skipped.removeIf(
                pair -> listed.contains(pair) && !now.isBefore(unlistedUntil.getOrDefault(pair, Instant.EPOCH)));
        reportSkipped();
        LOG.info("{} lists {} pairs as trading", adapter.id().label(), listed.size());
        return response;
    }

    /** The pairs the last listing read names as trading; empty when none was read yet. */
    public Optional<Set<String>> listedPairs() {
        return Optional.ofNullable(tradeable);
    }

    private ListingResponse listingCall(TickerRequest request, Instant deadline) {
        Instant now = clock.instant();
        Instant until = backoffUntil.get();
        if (now.isBefore(until)) {
            return ListingResponse.failed(FailureKind.RATE_LIMITED, "backing off until " + until);
        }
        long waitNanos = sharedLane.reserve(request.weight(), Duration.between(now, deadline));
        if (waitNanos < 0) {
            return ListingResponse.failed(FailureKind.RATE_LIMITED, "local rate budget exhausted");
        }
        if (waitNanos > 0 && !sleepNanos(waitNanos)) {
            return ListingResponse.failed(FailureKind.TIMEOUT, "interrupted");
        }
        Duration timeout = Duration.between(clock.instant(), deadline);
        if (timeout.isNegative() || timeout.isZero()) {
            return ListingResponse.failed(FailureKind.TIMEOUT, "no time left");
        }
        long start = System.nanoTime();
        Exchanged answer = exchange(request, timeout);
        ListingResponse response = answer.failure() != null
                ? new ListingResponse(Set.of(), answer.failure(), null)
                : adapter.parseListing(answer.status(), answer.headers(), answer.body(), clock.instant());
        long elapsed = System.nanoTime() - start;
        if (response.isFailure()
                && (response.failure().kind() == FailureKind.RATE_LIMITED
                        || response.failure().kind() == FailureKind.BANNED)) {
            backOff(response.retryAfter());
        }
        listener.onRequest(
                adapter.id(), response.isFailure() ? label(response.failure().kind()) : "ok", elapsed);
        return response;
    }

    /**
     * One request, tried a second time when the exchange itself answered 429 and the cycle still has
     * time after its {@code Retry-After}: a throttled call (other callers behind the same IP, calls
     * that reached the exchange bunched up) then costs a wait instead of the assets it covers.
     */
    private TickerResponse call(TickerRequest request, Instant deadline, RateBudget rateLimiter) {
        Attempt first = attempt(request, deadline, rateLimiter);
        return first.throttledByExchange()
                ? attempt(request, deadline, rateLimiter).response()
                : first.response();
    }

    private record Attempt(TickerResponse response, boolean throttledByExchange) {
        static Attempt local(TickerResponse response) {
            return new Attempt(response, false);
        }
    }

    private Attempt attempt(TickerRequest request, Instant deadline, RateBudget rateLimiter) {
        Instant now = clock.instant();
        Instant until = backoffUntil.get();
        if (now.isBefore(until)) {
            // waiting out the exchange's Retry-After is worth it while the cycle's deadline is later
            if (!until.isBefore(deadline)
                    || !sleepNanos(Duration.between(now, until).toNanos())) {
                return Attempt.local(TickerResponse.failed(FailureKind.RATE_LIMITED, "backing off until " + until));
            }
            now = clock.instant();
        }
        if (!breaker.tryAcquirePermission()) {
            return Attempt.local(TickerResponse.failed(FailureKind.CIRCUIT_OPEN, "circuit breaker open"));
        }
        long waitNanos = rateLimiter.reserve(request.weight(), Duration.between(now, deadline));
        if (waitNanos < 0) {
            breaker.releasePermission();
            return Attempt.local(
                    TickerResponse.failed(FailureKind.RATE_LIMITED, "local rate budget exhausted for this cycle"));
        }
        if (waitNanos > 0 && !sleepNanos(waitNanos)) {
            breaker.releasePermission();
            return Attempt.local(TickerResponse.failed(FailureKind.TIMEOUT, "interrupted"));
        }
        Duration timeout = min(settings.requestTimeout(), Duration.between(clock.instant(), deadline));
        if (timeout.isNegative() || timeout.isZero()) {
            breaker.releasePermission();
            return Attempt.local(TickerResponse.failed(FailureKind.TIMEOUT, "no time left in this cycle"));
        }
        long start = System.nanoTime();
        Exchanged answer = exchange(request, timeout);
        TickerResponse response = answer.failure() != null
                ? new TickerResponse(List.of(), Map.of(), answer.failure(), null)
                : adapter.parse(request, answer.status(), answer.headers(), answer.body(), clock.instant());
        long elapsed = System.nanoTime() - start;
        recordOutcome(response, elapsed);
        return new Attempt(
                response,
                answer.failure() == null
                        && response.isFailure()
                        && response.failure().kind() == FailureKind.RATE_LIMITED);
    }

    /** An HTTP answer, or why there was none. */
    private record Exchanged(
            int status, Map<String, List<String>> headers, String body, TickerResponse.Failure failure) {
        static Exchanged failed(FailureKind kind, String message) {
            return new Exchanged(0, Map.of(), null, new TickerResponse.Failure(kind, message));
        }
    }

    /**
     * One GET whose whole answer — headers and body — must arrive within {@code timeout}: the request's own timeout
     * covers the headers only, so the body future is bounded too and cancelled (closing the connection) when late.
     */
    private Exchanged exchange(TickerRequest request, Duration timeout) {
        CompletableFuture<HttpResponse<String>> pending;
        try {
            HttpRequest httpRequest = HttpRequest.newBuilder(baseUri.resolve(request.pathAndQuery()))
                    .timeout(timeout)
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            pending = http.sendAsync(httpRequest, new BoundedBodyHandler(settings.maxBodyBytes()));
        } catch (RuntimeException e) {
            return Exchanged.failed(FailureKind.UNREACHABLE, e.getClass().getSimpleName());
        }
        try {
            HttpResponse<String> answer = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Exchanged(answer.statusCode(), lowerCaseHeaders(answer.headers()), answer.body(), null);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return Exchanged.failed(FailureKind.TIMEOUT, "no complete answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return Exchanged.failed(FailureKind.TIMEOUT, "interrupted");
        } catch (ExecutionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof BoundedBodyHandler.BodyTooLargeException) {
                    return Exchanged.failed(FailureKind.MALFORMED, cause.getMessage());
                }
                if (cause instanceof HttpTimeoutException) {
                    return Exchanged.failed(FailureKind.TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
                }
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Exchanged.failed(FailureKind.UNREACHABLE, cause.getClass().getSimpleName());
        }
    }

    private void recordOutcome(TickerResponse response, long nanos) {
        if (!response.isFailure()) {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            listener.onRequest(adapter.id(), "ok", nanos);
            return;
        }
        FailureKind kind = response.failure().kind();
        switch (kind) {
            case RATE_LIMITED, BANNED -> {
                // being throttled says nothing about the exchange's health: back off, don't trip the breaker
                breaker.releasePermission();
                backOff(response.retryAfter());
            }
            // our request's fault (an unknown pair, a bad parameter): neither proof of health nor of trouble
            case CLIENT_ERROR -> breaker.releasePermission();
            default -> breaker.onError(nanos, TimeUnit.NANOSECONDS, new ExchangeCallException(kind));
        }
        listener.onRequest(adapter.id(), label(kind), nanos);
    }

    private void backOff(Duration retryAfter) {
        Duration wait = retryAfter != null ? retryAfter : settings.defaultBackoff();
        Instant until = clock.instant().plus(wait);
        backoffUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }

    private TickerResponse merge(List<TickerResponse> answers, boolean complete) {
        List<Quote> quotes = new ArrayList<>();
        Map<String, String> errors = new HashMap<>();
        TickerResponse.Failure firstFailure = null;
        for (TickerResponse r : answers) {
            quotes.addAll(r.quotes());
            errors.putAll(r.errors());
            if (r.isFailure() && firstFailure == null) {
                firstFailure = r.failure();
            }
        }
        if (!complete && firstFailure == null) {
            firstFailure = new TickerResponse.Failure(
                    FailureKind.TIMEOUT, "some calls did not finish within the cycle budget");
        }
        return new TickerResponse(quotes, errors, firstFailure, null);
    }

    private static Map<String, List<String>> lowerCaseHeaders(HttpHeaders headers) {
        Map<String, List<String>> out = new HashMap<>();
        headers.map().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    private static boolean sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String label(CircuitBreaker.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static String label(FailureKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Marks a failed call for the circuit breaker's statistics. */
    static final class ExchangeCallException extends RuntimeException {
        ExchangeCallException(FailureKind kind) {
            super(kind.name(), null, false, false);
        }
    }
}
