package io.pricewire.core.elasticache;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticache.model.NodeGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Finds the Redis endpoint: the fixed URI when one is configured, else the primary endpoint of an
 * ElastiCache replication group (cluster mode disabled), with TLS when the group encrypts in
 * transit and the AUTH token from Secrets Manager.
 *
 * <p>Nothing is cached: each {@link #resolve()} asks ElastiCache and Secrets Manager again, so a
 * caller that resolves on reconnect picks up a replaced node or a rotated token. ElastiCache keeps
 * the primary's DNS name stable across failovers, so a long-lived client resolving once
 * at start-up stays correct too. Throttling and transient errors are retried by the SDK's
 * standard retry strategy (see {@link DiscoveryClients}).
 */
public final class RedisEndpointResolver implements AutoCloseable {
    /**
     * Statuses whose endpoints serve traffic. {@code modifying} covers a failover, a scaling or a
     * token rotation in progress, during which the endpoints stay valid; refusing it would cut the
     * cache off exactly when a client reconnects after a failover.
     */
    static final Set<String> USABLE_STATUSES = Set.of("available", "modifying", "snapshotting");

    private static final Logger LOG = LoggerFactory.getLogger(RedisEndpointResolver.class);

    private final RedisDiscoverySettings settings;
    private final RedisEndpoints fixed;
    private final ElastiCacheClient elastiCache;
    private final SecretsManagerClient secrets;

    /**
     * @param elastiCache the client to describe the group with; may be {@code null} only when the settings hold a fallback URI
     * @param secrets     the client to read the token with; may be {@code null} when discovery is off or no secret is configured
     */
    public RedisEndpointResolver(
            RedisDiscoverySettings settings, ElastiCacheClient elastiCache, SecretsManagerClient secrets) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fixed = settings.discovers() ? null : RedisEndpoints.of(settings.fallbackUri());
        if (settings.discovers()) {
            Objects.requireNonNull(elastiCache, "elastiCache is required to discover a replication group");
            if (settings.authSecretArn() != null) {
                Objects.requireNonNull(secrets, "secrets is required to read the AUTH token");
            }
        }
        this.elastiCache = elastiCache;
        this.secrets = secrets;
    }

    /** A resolver with its own SDK clients, built only when discovery needs them; {@link #close()} closes them. */
    public static RedisEndpointResolver create(RedisDiscoverySettings settings) {
        if (!settings.discovers()) {
            return new RedisEndpointResolver(settings, null, null);
        }
        ElastiCacheClient elastiCache =
                DiscoveryClients.elastiCache(settings.region(), settings.elastiCacheEndpointOverride());
        SecretsManagerClient secrets = settings.authSecretArn() == null
                ? null
                : DiscoveryClients.secretsManager(settings.region(), settings.secretsManagerEndpointOverride());
        return new RedisEndpointResolver(settings, elastiCache, secrets);
    }

    /**
     * The endpoint to connect to now.
     *
     * @throws RedisDiscoveryException when the group is missing, not ready, has no primary
     *                                 endpoint, or ElastiCache or Secrets Manager fail
     */
    public RedisEndpoints resolve() {
        if (fixed != null) {
            return fixed;
        }
        String id = settings.replicationGroupId();
        ReplicationGroup group = describe(id);
        String status = group.status();
        if (status == null || !USABLE_STATUSES.contains(status)) {
            throw new RedisDiscoveryException("ElastiCache replication group '" + id + "' is '" + status
                    + "', not available: its Redis endpoints are not usable now.");
        }
        List<NodeGroup> nodeGroups = group.nodeGroups();
        if (nodeGroups.isEmpty()) {
            throw new RedisDiscoveryException(
                    "ElastiCache replication group '" + id + "' has no node groups, so no Redis endpoint.");
        }
        NodeGroup nodes = nodeGroups.get(0);
        if (!usable(nodes.primaryEndpoint())) {
            throw new RedisDiscoveryException("ElastiCache replication group '" + id + "' has no primary endpoint"
                    + (Boolean.TRUE.equals(group.clusterEnabled())
                            ? " (cluster mode is enabled; Pricewire needs a cluster-mode-disabled group)."
                            : "."));
        }
        String token = settings.authSecretArn() == null ? null : readToken(settings.authSecretArn());
        if (token == null && Boolean.TRUE.equals(group.authTokenEnabled())) {
            throw new RedisDiscoveryException("ElastiCache replication group '" + id
                    + "' requires an AUTH token, but no secret holding it is configured ("
                    + RedisDiscoverySettings.AUTH_SECRET_VARIABLE + ").");
        }
        boolean tls = Boolean.TRUE.equals(group.transitEncryptionEnabled());
        RedisEndpoints endpoints = new RedisEndpoints(uri(tls, nodes.primaryEndpoint(), token, id));
        LOG.info("Redis endpoints of ElastiCache replication group '{}' ({}): {}", id, status, endpoints);
        return endpoints;
    }

    @Override
    public void close() {
        if (elastiCache != null) {
            elastiCache.close();
        }
        if (secrets != null) {
            secrets.close();
        }
    }

    private ReplicationGroup describe(String id) {
        List<ReplicationGroup> groups;
        try {
            groups = elastiCache
                    .describeReplicationGroups(r -> r.replicationGroupId(id))
                    .replicationGroups();
        } catch (ReplicationGroupNotFoundException e) {
            throw new RedisDiscoveryException(
                    "ElastiCache replication group '" + id + "' does not exist in region " + settings.region() + " ("
                            + serviceMessage(e) + ").",
                    e);
        } catch (AwsServiceException e) {
            throw new RedisDiscoveryException(
                    "ElastiCache refused to describe replication group '" + id + "': " + serviceMessage(e), e);
        } catch (SdkClientException e) {
            throw new RedisDiscoveryException(
                    "Could not reach ElastiCache to describe replication group '" + id + "': " + e.getMessage(), e);
        }
        if (groups.isEmpty()) {
            throw new RedisDiscoveryException("ElastiCache returned no replication group '" + id + "'.");
        }
        return groups.get(0);
    }

    private String readToken(String secretArn) {
        String token;
        try {
            token = secrets.getSecretValue(r -> r.secretId(secretArn)).secretString();
        } catch (ResourceNotFoundException e) {
            throw new RedisDiscoveryException(
                    "The Redis AUTH token secret " + secretArn + " does not exist (" + serviceMessage(e) + ").", e);
        } catch (AwsServiceException e) {
            throw new RedisDiscoveryException(
                    "Secrets Manager refused to return the Redis AUTH token secret " + secretArn + ": "
                            + serviceMessage(e),
                    e);
        } catch (SdkClientException e) {
            throw new RedisDiscoveryException(
                    "Could not reach Secrets Manager to read the Redis AUTH token secret " + secretArn + ": "
                            + e.getMessage(),
                    e);
        }
        if (token == null || token.isBlank()) {
            throw new RedisDiscoveryException("The Redis AUTH token secret " + secretArn + " has no SecretString.");
        }
        return token.strip();
    }

    private static boolean usable(Endpoint endpoint) {
        return endpoint != null
                && endpoint.address() != null
                && !endpoint.address().isBlank()
                && endpoint.port() != null;
    }

    private static URI uri(boolean tls, Endpoint endpoint, String token, String id) {
        try {
            return RedisEndpoints.endpointUri(tls, endpoint.address(), endpoint.port(), token);
        } catch (IllegalArgumentException e) {
            throw new RedisDiscoveryException(
                    "ElastiCache replication group '" + id + "' reported an unusable endpoint: " + e.getMessage(), e);
        }
    }

    private static String serviceMessage(AwsServiceException e) {
        if (e.awsErrorDetails() == null) {
            return e.getMessage();
        }
        return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }
}
