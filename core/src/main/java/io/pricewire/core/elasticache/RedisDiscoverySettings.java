package io.pricewire.core.elasticache;

import java.net.URI;
import java.util.Map;

/**
 * Where the Redis endpoints come from. Either a fixed URI ({@code REDIS_URI}: local runs and
 * tests), which wins when set, or an ElastiCache replication group whose primary endpoint is
 * looked up at run time, with the AUTH token read from Secrets Manager.
 *
 * @param fallbackUri                    {@code redis://} or {@code rediss://} URI of the one Redis; {@code null} = discover
 * @param replicationGroupId             ElastiCache replication group (cluster mode disabled) to describe
 * @param authSecretArn                  Secrets Manager secret whose SecretString is the bare AUTH token; {@code null} = no AUTH
 * @param region                         AWS region of the replication group and the secret; required to discover
 * @param elastiCacheEndpointOverride    an ElastiCache API endpoint to call instead of AWS (tests), or {@code null}
 * @param secretsManagerEndpointOverride a Secrets Manager API endpoint to call instead of AWS (tests), or {@code null}
 */
public record RedisDiscoverySettings(
        String fallbackUri,
        String replicationGroupId,
        String authSecretArn,
        String region,
        URI elastiCacheEndpointOverride,
        URI secretsManagerEndpointOverride) {

    public static final String FALLBACK_URI_VARIABLE = "REDIS_URI";
    public static final String REPLICATION_GROUP_VARIABLE = "PRICEWIRE_REDIS_REPLICATION_GROUP_ID";
    public static final String AUTH_SECRET_VARIABLE = "PRICEWIRE_REDIS_AUTH_SECRET_ARN";
    public static final String REGION_VARIABLE = "AWS_REGION";

    public RedisDiscoverySettings {
        fallbackUri = blankToNull(fallbackUri);
        replicationGroupId = blankToNull(replicationGroupId);
        authSecretArn = blankToNull(authSecretArn);
        region = blankToNull(region);
        if (fallbackUri == null && replicationGroupId == null) {
            throw new IllegalArgumentException("Redis is not configured: set " + FALLBACK_URI_VARIABLE
                    + " (a redis:// or rediss:// URI) or " + REPLICATION_GROUP_VARIABLE
                    + " (the ElastiCache replication group to discover the endpoints of).");
        }
        if (fallbackUri != null) {
            try {
                RedisEndpoints.of(fallbackUri);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(FALLBACK_URI_VARIABLE + " is invalid: " + e.getMessage());
            }
        } else if (region == null) {
            throw new IllegalArgumentException(
                    REGION_VARIABLE + " must be set to discover the Redis endpoints of ElastiCache replication group '"
                            + replicationGroupId + "'.");
        }
        requireHttpUrl(elastiCacheEndpointOverride, "elastiCacheEndpointOverride");
        requireHttpUrl(secretsManagerEndpointOverride, "secretsManagerEndpointOverride");
    }

    /**
     * Reads {@code REDIS_URI}, {@code PRICEWIRE_REDIS_REPLICATION_GROUP_ID},
     * {@code PRICEWIRE_REDIS_AUTH_SECRET_ARN} and {@code AWS_REGION} from {@code env} (the process
     * environment in a runtime's wiring entry point, a map in tests); blank counts as unset.
     */
    public static RedisDiscoverySettings fromEnvironment(Map<String, String> env) {
        return new RedisDiscoverySettings(
                env.get(FALLBACK_URI_VARIABLE),
                env.get(REPLICATION_GROUP_VARIABLE),
                env.get(AUTH_SECRET_VARIABLE),
                env.get(REGION_VARIABLE),
                null,
                null);
    }

    /** A fixed Redis, no discovery. */
    public static RedisDiscoverySettings fixed(String uri) {
        return new RedisDiscoverySettings(uri, null, null, null, null, null);
    }

    /** True when the endpoint is looked up in ElastiCache rather than taken from {@link #fallbackUri()}. */
    public boolean discovers() {
        return fallbackUri == null;
    }

    /** Never prints the fallback URI: it may carry an auth token. */
    @Override
    public String toString() {
        return "RedisDiscoverySettings[fallbackUri="
                + (fallbackUri == null ? null : RedisEndpoints.redacted(URI.create(fallbackUri)))
                + ", replicationGroupId=" + replicationGroupId + ", authSecretArn=" + authSecretArn + ", region="
                + region
                + ", elastiCacheEndpointOverride=" + elastiCacheEndpointOverride
                + ", secretsManagerEndpointOverride=" + secretsManagerEndpointOverride + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void requireHttpUrl(URI uri, String name) {
        if (uri != null
                && (uri.getHost() == null
                        || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())))) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL, got " + uri);
        }
    }
}
