package io.pricewire.core.elasticache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The documented ElastiCache and Secrets Manager response bodies, filled in from the templates next to this class. */
final class AwsResponses {
    static final String GROUP_ID = "pricewire-cache";
    static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:PriceCacheAuthToken-AbCdEf";
    static final String PRIMARY_HOST = "master.pricewire-cache.x1y2z3.euw1.cache.amazonaws.com";
    static final String READER_HOST = "replica.pricewire-cache.x1y2z3.euw1.cache.amazonaws.com";

    private AwsResponses() {}

    /** DescribeReplicationGroups answering one group with the given status, flags and node groups XML. */
    static String replicationGroup(String status, boolean tls, boolean authTokenEnabled, String nodeGroups) {
        return template("describe-replication-groups.xml")
                .replace("{{ID}}", GROUP_ID)
                .replace("{{STATUS}}", status)
                .replace("{{TRANSIT_ENCRYPTION}}", Boolean.toString(tls))
                .replace("{{AUTH_TOKEN_ENABLED}}", Boolean.toString(authTokenEnabled))
                .replace("{{CLUSTER_ENABLED}}", "false")
                .replace("{{NODE_GROUPS}}", nodeGroups);
    }

    /** The group as the deployment creates it: available, TLS, AUTH, primary and reader endpoints on 6379. */
    static String deployedGroup() {
        return replicationGroup("available", true, true, nodeGroup(PRIMARY_HOST, 6379, READER_HOST, 6379));
    }

    /** One node group with a primary endpoint and, when {@code readerHost} is not null, a reader endpoint. */
    static String nodeGroup(String primaryHost, int primaryPort, String readerHost, int readerPort) {
        String endpoints = primaryHost == null ? "" : endpoint("PrimaryEndpoint", primaryHost, primaryPort);
        if (readerHost != null) {
            endpoints += endpoint("ReaderEndpoint", readerHost, readerPort);
        }
        return template("node-group.xml").replace("{{ENDPOINTS}}", endpoints);
    }

    /** A Query-protocol error body. */
    static String error(String code, String message) {
        return template("error-response.xml").replace("{{CODE}}", code).replace("{{MESSAGE}}", message);
    }

    /** GetSecretValue answering {@code secretString}. */
    static String secret(String secretString) {
        return template("get-secret-value.json")
                .replace("{{ARN}}", SECRET_ARN)
                .replace("{{SECRET_STRING}}", secretString.replace("\\", "\\\\").replace("\"", "\\\""));
    }

    private static String endpoint(String element, String host, int port) {
        return "<" + element + "><Address>" + host + "</Address><Port>" + port + "</Port></" + element + ">";
    }

    private static String template(String name) {
        try (InputStream in = AwsResponses.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
