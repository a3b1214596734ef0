package io.pricewire.core.exchange;

import java.net.URI;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The exchanges Pricewire aggregates, with where their public REST APIs are. Adding one = a
 * constant, an adapter, a simulator dialect.
 */
public enum ExchangeId {
    BINANCE("https://api.binance.com"),
    COINBASE("https://api.exchange.coinbase.com"),
    KRAKEN("https://api.kraken.com"),
    OKX("https://www.okx.com");

    private final URI defaultBaseUrl;

    ExchangeId(String defaultBaseUrl) {
        this.defaultBaseUrl = URI.create(defaultBaseUrl);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The exchange's own API, which the service and the cold Lambda call unless told otherwise. */
    public URI defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** The environment variable that points both runtimes at another base URL (exchange-sim locally): {@code BINANCE_URL}, … */
    public String urlVariable() {
        return name() + "_URL";
    }

    /**
     * The base URL to call: {@code configured} (the value of {@link #urlVariable()}), or the
     * {@link #defaultBaseUrl()} when it is {@code null} or blank.
     *
     * @throws IllegalArgumentException naming the variable, when {@code configured} is not an absolute http(s) URL
     */
    public URI baseUrl(String configured) {
        if (configured == null || configured.isBlank()) {
            return defaultBaseUrl;
        }
        URI url;
        try {
            url = URI.create(configured.trim());
        } catch (IllegalArgumentException e) {
            url = null;
        }
        if (url == null
                || url.getHost() == null
                || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException(
                    urlVariable() + " must be an absolute http(s) URL, got '" + configured + "'");
        }
        return url;
    }

    /** Every exchange's {@link #baseUrl(String)}, from what {@code configured} holds for it (or {@code null}). */
    public static Map<ExchangeId, URI> baseUrls(Function<ExchangeId, String> configured) {
        Map<ExchangeId, URI> urls = new EnumMap<>(ExchangeId.class);
        for (ExchangeId e : values()) {
            urls.put(e, e.baseUrl(configured.apply(e)));
        }
        return urls;
    }

    public static ExchangeId fromLabel(String label) {
        for (ExchangeId e : values()) {
            if (e.label().equalsIgnoreCase(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown exchange: " + label);
    }
}
