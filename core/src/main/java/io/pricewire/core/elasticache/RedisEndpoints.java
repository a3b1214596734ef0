package io.pricewire.core.elasticache;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where to connect to Redis, as a URI Lettuce reads directly ({@code RedisURI.create}): the
 * primary, for writes, pub/sub, leases and reads alike (a replica's lag would only cost freshness,
 * and the near cache already keeps reads off Redis). It carries the AUTH token, when there is one,
 * in its user-info, so neither {@link #toString()} nor any exception message here prints it whole.
 *
 * @param primary {@code redis://} or {@code rediss://} URI of the primary (read/write) endpoint
 */
public record RedisEndpoints(URI primary) {

    public RedisEndpoints {
        requireRedisUri(primary, "primary");
    }

    /** A single Redis given by its URI (local runs and tests, {@code REDIS_URI}). */
    public static RedisEndpoints of(String uri) {
        Objects.requireNonNull(uri, "uri");
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        } catch (URISyntaxException e) {
            // the input may hold an auth token: do not echo it, nor the parser's message quoting it
            throw new IllegalArgumentException("the Redis URI is not a valid redis:// or rediss:// URI");
        }
        return new RedisEndpoints(parsed);
    }

    /**
     * The URI of one endpoint: {@code rediss://} when the group encrypts in transit, and the token,
     * percent-encoded, as the password of the user-info ({@code rediss://:TOKEN@host:port}), which
     * Lettuce decodes back. {@code token} may be {@code null} (no AUTH).
     */
    public static URI endpointUri(boolean tls, String host, int port, String token) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        StringBuilder uri = new StringBuilder(tls ? "rediss://" : "redis://");
        if (token != null && !token.isEmpty()) {
            uri.append(':').append(percentEncode(token)).append('@');
        }
        String h = host.trim();
        uri.append(h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h)
                .append(':')
                .append(port);
        try {
            return new URI(uri.toString());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + h + "' is not a valid Redis host name");
        }
    }

    /** A new Lettuce URI of the primary (Lettuce's URIs are mutable: set the timeout on the copy). */
    public RedisURI primaryRedisUri() {
        return RedisURI.create(primary);
    }

    /** The URIs with any user-info masked: safe for logs. */
    @Override
    public String toString() {
        return "RedisEndpoints[primary=" + redacted(primary) + "]";
    }

    static String redacted(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://***@"
                + uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1)
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static void requireRedisUri(URI uri, String role) {
        Objects.requireNonNull(uri, role);
        String scheme = uri.getScheme();
        if (!"redis".equalsIgnoreCase(scheme) && !"rediss".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("the " + role + " Redis URI must start with redis:// or rediss://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("the " + role
                    + " Redis URI has no host (a token with reserved characters must be percent-encoded)");
        }
        try {
            RedisURI.create(uri);
        } catch (IllegalArgumentException e) {
            // Lettuce's message may quote the URI, and with it the token
            throw new IllegalArgumentException("the " + role + " Redis URI is not one Lettuce accepts");
        }
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters, over the UTF-8 bytes. */
    private static String percentEncode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
