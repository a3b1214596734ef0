package io.pricewire.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Top-level settings ({@code pricewire.*}).
 *
 * @param apiKey           the key POST endpoints accept ({@code PRICEWIRE_API_KEY}); blank = POST answers 401 to everyone
 * @param table            the DynamoDB table
 * @param awsRegion        the AWS region of the table
 * @param dynamodbEndpoint a DynamoDB-API endpoint to use instead of AWS (dynalite locally); blank = AWS
 * @param createTable      create the table at start when missing (local stack and tests only)
 * @param universeFile     an asset universe CSV to use instead of the one shipped in core (benchmarks with 10,000 assets)
 * @param redisReplicationGroupId the ElastiCache replication group whose endpoints are discovered when no REDIS_URI is set
 * @param redisAuthSecretArn      the Secrets Manager secret holding the group's AUTH token
 */
@ConfigurationProperties("pricewire")
public record PricewireProperties(
        @Nullable String apiKey,
        String table,
        String awsRegion,
        @Nullable String dynamodbEndpoint,
        boolean createTable,
        @Nullable String universeFile,
        @Nullable String redisReplicationGroupId,
        @Nullable String redisAuthSecretArn) {}
