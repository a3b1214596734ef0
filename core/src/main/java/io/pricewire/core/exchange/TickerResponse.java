package io.pricewire.core.exchange;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an adapter made of one HTTP answer.
 *
 * @param quotes     the usable quotes it contained
 * @param errors     per-symbol problems (symbol → reason), e.g. an unknown pair
 * @param failure    a whole-call failure, or {@code null} when the call succeeded
 * @param retryAfter how long the exchange asked us to wait (429/418), or {@code null}
 */
public record TickerResponse(List<Quote> quotes, Map<String, String> errors, Failure failure, Duration retryAfter) {

    /** Why a whole call failed. */
    public enum FailureKind {
        RATE_LIMITED,
        BANNED,
        SERVER_ERROR,
        CLIENT_ERROR,
        MALFORMED,
        TIMEOUT,
        UNREACHABLE,
        CIRCUIT_OPEN
    }

    /**
     * @param kind        what went wrong
     * @param message     the exchange's words, for logs
     * @param unknownPair the exchange refused the call because it does not know a pair the call named (Binance
     *                    {@code -1121}, Kraken {@code EQuery:Unknown asset pair}, OKX {@code 51001}, Coinbase 404);
     *                    always a {@link FailureKind#CLIENT_ERROR}. The exchange does not say which pair, so the
     *                    {@link ExchangeClient} narrows it down.
     */
    public record Failure(FailureKind kind, String message, boolean unknownPair) {
        public Failure {
            if (unknownPair && kind != FailureKind.CLIENT_ERROR) {
                throw new IllegalArgumentException("an unknown pair is a client error, not " + kind);
            }
        }

        public Failure(FailureKind kind, String message) {
            this(kind, message, false);
        }
    }

    public TickerResponse {
        quotes = List.copyOf(quotes);
        errors = Map.copyOf(errors);
    }

    public static TickerResponse ok(List<Quote> quotes, Map<String, String> errors) {
        return new TickerResponse(quotes, errors, null, null);
    }

    public static TickerResponse failed(FailureKind kind, String message) {
        return new TickerResponse(List.of(), Map.of(), new Failure(kind, message), null);
    }

    public static TickerResponse failed(FailureKind kind, String message, Duration retryAfter) {
        return new TickerResponse(List.of(), Map.of(), new Failure(kind, message), retryAfter);
    }

    /** The exchange refused the whole call because one of the pairs it named is unknown to it (delisted, misnamed). */
    public static TickerResponse unknownPair(String message) {
        return new TickerResponse(List.of(), Map.of(), new Failure(FailureKind.CLIENT_ERROR, message, true), null);
    }

    public boolean isFailure() {
        return failure != null;
    }
}
