package io.pricewire.cdk.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.cdk.PricewireStack;
import io.pricewire.cdk.SynthesizedApp;
import io.pricewire.cdk.TemplateQueries;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.IRole;

class PricesTableTest {

    private final SynthesizedApp app = SynthesizedApp.get();
    private final Template template = app.defaultsTemplate;

    @Test
    void shouldKeyBySymbolWithoutSortKeyWhenCreated() {
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Match.objectLike(Map.of(
                        "TableName", "prices",
                        "KeySchema", List.of(Map.of("AttributeName", "symbol", "KeyType", "HASH")),
                        "AttributeDefinitions", List.of(Map.of("AttributeName", "symbol", "AttributeType", "S")))));
        app.fullTemplate.hasResourceProperties(
                "AWS::DynamoDB::Table", Match.objectLike(Map.of("TableName", "prices-full")));
    }

    @Test
    void shouldBillOnDemandWithPointInTimeRecoveryWhenCreated() {
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Match.objectLike(Map.of(
                        "TableName",
                        "prices",
                        "BillingMode",
                        "PAY_PER_REQUEST",
                        "PointInTimeRecoverySpecification",
                        Map.of("PointInTimeRecoveryEnabled", true),
                        "ProvisionedThroughput",
                        Match.absent())));
    }

    @Test
    void shouldRetainTableWhenStackIsDeleted() {
        template.hasResource(
                "AWS::DynamoDB::Table",
                Match.objectLike(Map.of(
                        "Properties", Match.objectLike(Map.of("TableName", "prices")),
                        "DeletionPolicy", "Retain",
                        "UpdateReplacePolicy", "Retain")));
    }

    @Test
    void shouldGrantTableAccessToFleetAndLambdaOnlyWhenWired() {
        PricewireStack stack = app.defaults;
        Set<Object> rolesWithTableAccess = TemplateQueries.resources(template, "AWS::IAM::Policy").values().stream()
                .map(TemplateQueries::properties)
                .filter(policy -> TemplateQueries.statements(policy).stream()
                        .anyMatch(
                                statement -> TemplateQueries.actions(statement).contains("dynamodb:PutItem")))
                .flatMap(policy -> ((List<?>) policy.get("Roles")).stream())
                .collect(Collectors.toSet());
        IRole fleetRole = (IRole) stack.fleet().getGrantPrincipal();
        IRole lambdaRole = stack.coldRefresh().function().getRole();
        assertThat(rolesWithTableAccess)
                .containsExactlyInAnyOrder(
                        stack.resolve(fleetRole.getRoleName()), stack.resolve(lambdaRole.getRoleName()));
    }

    @Test
    void shouldGrantOnlyGetBatchGetAndPutOnTheTableWhenFleetAndLambdaAreWired() {
        PricewireStack stack = app.defaults;
        Object tableArn = stack.resolve(stack.table().table().getTableArn());
        Object historyArn = stack.resolve(stack.historyTable().table().getTableArn());
        // each DynamoDB statement names one table, no index or stream ARN (the history table's grants:
        // HistoryTableTest)
        assertThat(TemplateQueries.dynamoResources(template))
                .isNotEmpty()
                .allSatisfy(resources -> assertThat(resources).containsExactly(resources.get(0)))
                .allSatisfy(resources -> assertThat(resources.get(0)).isIn(tableArn, historyArn));
        Map<Object, List<String>> actionsByRole = TemplateQueries.dynamoActionsByRole(template, tableArn);

        Object fleetRole = stack.resolve(((IRole) stack.fleet().getGrantPrincipal()).getRoleName());
        Object lambdaRole =
                stack.resolve(stack.coldRefresh().function().getRole().getRoleName());
        assertThat(actionsByRole).containsOnlyKeys(fleetRole, lambdaRole);
        assertThat(actionsByRole.get(lambdaRole))
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem");
        assertThat(actionsByRole.get(fleetRole))
                .as("the warm-up scans")
                .containsExactlyInAnyOrder(
                        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:Scan");
    }
}
