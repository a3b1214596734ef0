package io.pricewire.core.exchange;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls one exchange through its {@link ExchangeAdapter}: every call passes a rate limiter set to
 * the exchange's public limit (shared by every tier in the process), a circuit breaker, a
 * per-call timeout, and a back-off that honours {@code Retry-After} after a 429/418. A fetch
 * never outlives its budget: whatever answered by then is returned, the rest is reported as a
 * timeout.
 */
public final class ExchangeClient {
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

    public ExchangeClient(ExchangeAdapter adapter, URI baseUri, HttpClient http, ExchangeClientSettings settings,
                          Clock clock, ExchangeListener listener, ExecutorService executor) {
        this.adapter = adapter;
        this.baseUri = baseUri;
        this.http = http;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        this.executor = executor;
        double share = settings.priorityShare();
        double all = settings.limitShare();
        this.sharedLane = new ExchangeRateLimiter(adapter.rateLimit(), all * (1 - share));
        this.priorityLane = share > 0 ? new ExchangeRateLimiter(adapter.rateLimit(), all * share) : sharedLane;
        this.breaker = CircuitBreaker.of(adapter.id().label(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(Math.max(1, settings.breakerWindow() / 2))
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        this.breaker.getEventPublisher().onStateTransition(e -> listener.onBreakerState(adapter.id(),
                label(e.getStateTransition().getFromState()), label(e.getStateTransition().getToState())));
    }

    public ExchangeId id() {
        return adapter.id();
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /** Fetches tickers for {@code listings} in the shared lane, completing within {@code budget} with what arrived by then. */
    public CompletableFuture<TickerResponse> fetch(List<Listing> listings, Duration budget) {
        return fetch(listings, budget, false);
    }

    /** As {@link #fetch(List, Duration)}; {@code priority} fetches use the lane reserved for them. */
    public CompletableFuture<TickerResponse> fetch(List<Listing> listings, Duration budget, boolean priority) {
        ExchangeRateLimiter lane = priority ? priorityLane : sharedLane;
        if (listings.isEmpty()) {
            return CompletableFuture.completedFuture(TickerResponse.ok(List.of(), Map.of()));
        }
        Instant deadline = clock.instant().plus(budget);
        ConcurrentLinkedQueue<TickerResponse> answers = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (TickerRequest request : adapter.plan(listings)) {
            calls.add(CompletableFuture.runAsync(() -> answers.add(call(request, deadline, lane)), executor));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, budget.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(t -> null)
                .thenApply(done -> merge(List.copyOf(answers), calls.stream().allMatch(CompletableFuture::isDone)));
    }

    /**
     * One request, tried a second time when the exchange itself answered 429 and the cycle still has
     * time after its {@code Retry-After}: a throttled call (other callers behind the same IP, calls
     * that reached the exchange bunched up) then costs a wait instead of the assets it covers.
     */
    private TickerResponse call(TickerRequest request, Instant deadline, ExchangeRateLimiter rateLimiter) {
        Attempt first = attempt(request, deadline, rateLimiter);
        return first.throttledByExchange() ? attempt(request, deadline, rateLimiter).response() : first.response();
    }

    private record Attempt(TickerResponse response, boolean throttledByExchange) {
        static Attempt local(TickerResponse response) {
            return new Attempt(response, false);
        }
    }

    private Attempt attempt(TickerRequest request, Instant deadline, ExchangeRateLimiter rateLimiter) {
        Instant now = clock.instant();
        Instant until = backoffUntil.get();
        if (now.isBefore(until)) {
            // waiting out the exchange's Retry-After is worth it while the cycle's deadline is later
            if (!until.isBefore(deadline) || !sleepNanos(Duration.between(now, until).toNanos())) {
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
            return Attempt.local(TickerResponse.failed(FailureKind.RATE_LIMITED, "local rate budget exhausted for this cycle"));
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
        TickerResponse response;
        boolean answered = false;
        try {
            HttpRequest httpRequest = HttpRequest.newBuilder(baseUri.resolve(request.pathAndQuery()))
                    .timeout(timeout).header("Accept", "application/json").GET().build();
            HttpResponse<String> answer = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
            answered = true;
            response = adapter.parse(request, answer.statusCode(), lowerCaseHeaders(answer.headers()), answer.body(), clock.instant());
        } catch (HttpTimeoutException e) {
            response = TickerResponse.failed(FailureKind.TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response = TickerResponse.failed(FailureKind.TIMEOUT, "interrupted");
        } catch (Exception e) {
            response = TickerResponse.failed(FailureKind.UNREACHABLE, e.getClass().getSimpleName());
        }
        long elapsed = System.nanoTime() - start;
        recordOutcome(response, elapsed);
        return new Attempt(response, answered && response.isFailure() && response.failure().kind() == FailureKind.RATE_LIMITED);
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
                Duration wait = response.retryAfter() != null ? response.retryAfter() : settings.defaultBackoff();
                Instant until = clock.instant().plus(wait);
                backoffUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
            }
            case CLIENT_ERROR -> breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            default -> breaker.onError(nanos, TimeUnit.NANOSECONDS, new ExchangeCallException(kind));
        }
        listener.onRequest(adapter.id(), kind.name().toLowerCase(Locale.ROOT), nanos);
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
            firstFailure = new TickerResponse.Failure(FailureKind.TIMEOUT, "some calls did not finish within the cycle budget");
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

    /** Marks a failed call for the circuit breaker's statistics. */
    static final class ExchangeCallException extends RuntimeException {
        ExchangeCallException(FailureKind kind) {
            super(kind.name(), null, false, false);
        }
    }
}
