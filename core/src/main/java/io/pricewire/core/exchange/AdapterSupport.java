package io.pricewire.core.exchange;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricewire.core.exchange.TickerResponse.FailureKind;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What every adapter needs to read an exchange answer: JSON, decimals, {@code Retry-After}, generic HTTP failures.
 * The public helpers (decimals, exchange times, snippets) are shared with the stream protocols
 * ({@code exchange.stream}), so a price or a time reads the same whether it came by REST or by WebSocket.
 */
public final class AdapterSupport {

    /**
     * Shared by all adapters: an ObjectMapper is thread-safe once configured. Trailing tokens fail so that a
     * JSON prefix followed by an HTML error page counts as malformed rather than half-parsed.
     */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Decimal strings longer than this are not prices; it also bounds the work of a hostile body. */
    private static final int MAX_DECIMAL_CHARS = 64;
    /** Rejects exponents such as {@code 1e-999} that would make later arithmetic absurdly wide. */
    private static final int MAX_SCALE = 40;

    private static final int MAX_SNIPPET = 200;

    private AdapterSupport() {}

    /** The parsed body, or {@code null} when it is not JSON at all. */
    static JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A decimal from a JSON string (the exchanges' form) or number, or {@code null} when absent or not a sane decimal. */
    public static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        BigDecimal value;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isTextual()) {
            String text = node.textValue().trim();
            if (text.isEmpty() || text.length() > MAX_DECIMAL_CHARS) {
                return null;
            }
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return Math.abs(value.scale()) > MAX_SCALE ? null : value;
    }

    /**
     * The price in {@code node}; when it is missing, unparseable or not positive, records why under
     * {@code symbol} in {@code errors} and returns {@code null}, so one bad ticker never sinks the batch.
     */
    static BigDecimal price(JsonNode node, String symbol, Map<String, String> errors) {
        BigDecimal price = decimal(node);
        if (price == null) {
            errors.put(symbol, "unparseable price");
            return null;
        }
        if (price.signum() <= 0) {
            errors.put(symbol, "non-positive price " + price.toPlainString());
            return null;
        }
        return price;
    }

    /** A 24 h volume, or {@code null} when absent or nonsensical: volume only weights the median, so it is optional. */
    public static BigDecimal volume(JsonNode node) {
        BigDecimal volume = decimal(node);
        return volume == null || volume.signum() < 0 ? null : volume;
    }

    /**
     * An exchange's own time for a quote, capped at the receive time: a clock running ahead on the exchange's side
     * must not make a quote look younger than the moment we had it, or it would never turn stale.
     */
    static Instant notAfter(Instant exchangeTime, Instant receivedAt) {
        return exchangeTime.isAfter(receivedAt) ? receivedAt : exchangeTime;
    }

    /**
     * An epoch-milliseconds time (a JSON number or a decimal string), capped at the receive time as
     * {@link #notAfter}; the receive time when absent; {@code null} when garbage (not a positive whole number).
     */
    public static Instant epochMillis(JsonNode node, Instant receivedAt) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return receivedAt;
        }
        BigDecimal millis = decimal(node);
        if (millis == null || millis.signum() <= 0) {
            return null;
        }
        try {
            return notAfter(Instant.ofEpochMilli(millis.longValueExact()), receivedAt);
        } catch (ArithmeticException | DateTimeException e) {
            return null;
        }
    }

    /**
     * An ISO-8601 / RFC 3339 time with offset ({@code 2022-10-19T23:28:22.061769Z}), capped at the receive time as
     * {@link #notAfter}; the receive time when absent; {@code null} when garbage.
     */
    public static Instant isoTime(JsonNode node, Instant receivedAt) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return receivedAt;
        }
        if (!node.isTextual()) {
            return null;
        }
        try {
            return notAfter(OffsetDateTime.parse(node.textValue()).toInstant(), receivedAt);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** First value of a header, looked up case-insensitively although the client promises lower-case names. */
    static String header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null
                    && e.getKey().equalsIgnoreCase(name)
                    && e.getValue() != null
                    && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /**
     * {@code Retry-After} as delay-seconds or as an HTTP-date (measured from {@code receivedAt}, so no clock is read);
     * {@code null} when absent or unreadable, leaving the back-off policy to the caller.
     */
    static Duration retryAfter(Map<String, List<String>> headers, Instant receivedAt) {
        String value = header(headers, "retry-after");
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant until = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration d = Duration.between(receivedAt, until);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /**
     * The failure for statuses every exchange means the same way (429, 418, 5xx), or {@code null} when the
     * adapter has to look at the body itself.
     */
    static TickerResponse commonHttpFailure(
            int status, Map<String, List<String>> headers, String body, Instant receivedAt) {
        if (status == 429) {
            return TickerResponse.failed(
                    FailureKind.RATE_LIMITED, ("HTTP 429 " + snippet(body)).trim(), retryAfter(headers, receivedAt));
        }
        if (status == 418) {
            return TickerResponse.failed(
                    FailureKind.BANNED, ("HTTP 418 " + snippet(body)).trim(), retryAfter(headers, receivedAt));
        }
        if (status >= 500) {
            return TickerResponse.failed(FailureKind.SERVER_ERROR, ("HTTP " + status + " " + snippet(body)).trim());
        }
        return null;
    }

    /**
     * The tradeable set read from a listing, or a failure when it is empty: a listing with no pair is an exchange
     * (or simulator) answering something other than its listing, never a market where nothing trades.
     */
    static ListingResponse listing(Set<String> tradeable, String body) {
        return tradeable.isEmpty()
                ? ListingResponse.failed(FailureKind.MALFORMED, "listing names no tradeable pair: " + snippet(body))
                : ListingResponse.ok(tradeable);
    }

    /**
     * The tradeable set of a listing that is an array of instruments: the {@code idField} of each one that
     * {@code trading} accepts; a failure when none is, as {@link #listing(Set, String)}.
     */
    static ListingResponse listing(JsonNode instruments, String idField, Predicate<JsonNode> trading, String body) {
        Set<String> tradeable = new HashSet<>();
        for (JsonNode instrument : instruments) {
            if (instrument.path(idField).isTextual() && trading.test(instrument)) {
                tradeable.add(instrument.get(idField).textValue());
            }
        }
        return listing(tradeable, body);
    }

    static TickerResponse malformed(String what, String body) {
        return TickerResponse.failed(FailureKind.MALFORMED, what + ": " + snippet(body));
    }

    /** A short one-line excerpt of a body for failure messages, which end up in logs. */
    public static String snippet(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_SNIPPET ? oneLine : oneLine.substring(0, MAX_SNIPPET) + "…";
    }

    static String encode(String value) {
        // URLEncoder does form encoding; %20 is the form both query strings and path segments accept for a space
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The suffix of {@code pair} after the last dash ({@code BTC-USDT} → {@code USDT}), or {@code null}. */
    static String dashSuffix(String pair) {
        int dash = pair.lastIndexOf('-');
        return dash < 0 || dash == pair.length() - 1 ? null : pair.substring(dash + 1);
    }

    /** The quote currency of a dash-separated pair when Pricewire can convert it to USD, else {@code null}. */
    static String supportedDashCurrency(String pair) {
        String currency = dashSuffix(pair);
        return currency != null && isSupportedCurrency(currency) ? currency : null;
    }

    /** Quote currencies Pricewire can convert to USD. */
    static boolean isSupportedCurrency(String currency) {
        return "USD".equals(currency) || "USDT".equals(currency) || "USDC".equals(currency);
    }
}
