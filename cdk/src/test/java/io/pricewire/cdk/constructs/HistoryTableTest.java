package io.pricewire.cdk.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.cdk.PricewireStack;
import io.pricewire.cdk.SynthesizedApp;
import io.pricewire.cdk.TemplateQueries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.IRole;

class HistoryTableTest {

    private final SynthesizedApp app = SynthesizedApp.get();
    private final Template template = app.defaultsTemplate;
    private final PricewireStack stack = app.defaults;

    @Test
    void shouldKeyBySeriesAndBucketStartWhenCreated() {
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Match.objectLike(Map.of(
                        "TableName", "price_history",
                        "KeySchema",
                                List.of(
                                        Map.of("AttributeName", "series", "KeyType", "HASH"),
                                        Map.of("AttributeName", "start", "KeyType", "RANGE")),
                        "AttributeDefinitions",
                                List.of(
                                        Map.of("AttributeName", "series", "AttributeType", "S"),
                                        Map.of("AttributeName", "start", "AttributeType", "N")))));
        app.fullTemplate.hasResourceProperties(
                "AWS::DynamoDB::Table", Match.objectLike(Map.of("TableName", "history-full")));
    }

    @Test
    void shouldExpireItemsByExpiresAtWhenCreated() {
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Match.objectLike(Map.of(
                        "TableName",
                        "price_history",
                        "TimeToLiveSpecification",
                        Map.of("AttributeName", "expiresAt", "Enabled", true))));
    }

    @Test
    void shouldBillOnDemandWithPointInTimeRecoveryAndTheDefaultEncryptionLikeThePricesTable() {
        for (String tableName : List.of("prices", "price_history")) {
            template.hasResourceProperties(
                    "AWS::DynamoDB::Table",
                    Match.objectLike(Map.of(
                            "TableName", tableName,
                            "BillingMode", "PAY_PER_REQUEST",
                            "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                            "ProvisionedThroughput", Match.absent(),
                            // encrypted at rest with DynamoDB's AWS-owned key, no KMS key to pay for and manage
                            "SSESpecification", Match.absent())));
        }
    }

    @Test
    void shouldRetainTableWhenStackIsDeleted() {
        template.hasResource(
                "AWS::DynamoDB::Table",
                Match.objectLike(Map.of(
                        "Properties", Match.objectLike(Map.of("TableName", "price_history")),
                        "DeletionPolicy", "Retain",
                        "UpdateReplacePolicy", "Retain")));
    }

    @Test
    void shouldTagTheTableAsTableComponentWhenCreated() {
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Match.objectLike(Map.of(
                        "TableName",
                        "price_history",
                        "Tags",
                        Match.arrayWith(List.of(Map.of("Key", Naming.COMPONENT_TAG, "Value", "table"))))));
    }

    @Test
    void shouldGrantExactlyTheHistoryCallsOnTheHistoryTableToFleetAndLambdaOnlyWhenWired() {
        Object historyArn = stack.resolve(stack.historyTable().table().getTableArn());
        Map<Object, List<String>> actionsByRole = TemplateQueries.dynamoActionsByRole(template, historyArn);

        Object fleetRole = stack.resolve(((IRole) stack.fleet().getGrantPrincipal()).getRoleName());
        Object lambdaRole =
                stack.resolve(stack.coldRefresh().function().getRole().getRoleName());
        assertThat(actionsByRole).containsOnlyKeys(fleetRole, lambdaRole);
        assertThat(actionsByRole.values())
                .allSatisfy(actions -> assertThat(actions)
                        .as("no Scan, no DeleteItem, no table administration")
                        .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"));
        // one statement per role, naming the history table alone (no index or stream ARN, no other table)
        assertThat(TemplateQueries.dynamoResources(template))
                .filteredOn(resources -> resources.contains(historyArn))
                .hasSize(2)
                .allSatisfy(resources -> assertThat(resources).containsExactly(historyArn));
    }

    @Test
    void shouldTellTheColdLambdaTheHistoryTableWhenDeployed() {
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of(
                        "Environment",
                        Map.of(
                                "Variables",
                                Match.objectLike(Map.of(
                                        "PRICEWIRE_HISTORY_TABLE",
                                        stack.resolve(
                                                stack.historyTable().table().getTableName())))))));
    }
}
