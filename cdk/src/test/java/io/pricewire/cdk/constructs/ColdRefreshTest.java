package io.pricewire.cdk.constructs;

import io.pricewire.cdk.PricewireStack;
import io.pricewire.cdk.SynthesizedApp;
import io.pricewire.core.asset.TierSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ColdRefreshTest {

    private final SynthesizedApp app = SynthesizedApp.get();
    private final Template template = app.defaultsTemplate;
    private final PricewireStack stack = app.defaults;

    @Test
    void shouldInvokeLiveAliasEveryFiveMinutesWhenScheduled() {
        template.hasResourceProperties(
                "AWS::Events::Rule",
                Match.objectLike(Map.of(
                        "ScheduleExpression", "rate(5 minutes)",
                        "State", "ENABLED",
                        "Targets",
                                List.of(Match.objectLike(Map.of(
                                        "Arn",
                                                stack.resolve(stack.coldRefresh()
                                                        .alias()
                                                        .getFunctionArn()),
                                        "DeadLetterConfig",
                                                Map.of(
                                                        "Arn",
                                                        stack.resolve(stack.coldRefresh()
                                                                .deadLetterQueue()
                                                                .getQueueArn()))))))));
        template.hasResourceProperties(
                "AWS::Lambda::Alias",
                Match.objectLike(Map.of(
                        "Name",
                        "live",
                        "FunctionVersion",
                        Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of("Version")))))));
    }

    @Test
    void shouldFillTheColdTierOnceRightAfterTheStackIsDeployed() {
        template.hasResourceProperties(
                "Custom::Trigger",
                Match.objectLike(Map.of(
                        "HandlerArn", Match.anyValue(), "InvocationType", "Event", "ExecuteOnHandlerChange", true)));
    }

    @Test
    void shouldRestoreFromSnapStartOnPublishedVersionsWhenInvoked() {
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of(
                        "Runtime", "java21",
                        "Handler", "io.pricewire.lambda.coldrefresh.ColdRefreshHandler::handleRequest",
                        "SnapStart", Map.of("ApplyOn", "PublishedVersions"))));
        template.resourceCountIs("AWS::Lambda::Version", 1);
    }

    @Test
    void shouldNeverOverlapCyclesWhenOneRunsLong() {
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of(
                        "ReservedConcurrentExecutions", 1,
                        "MemorySize", 2048,
                        // 4 minutes: ends before the next 5-minute cycle starts
                        "Timeout", 240)));
    }

    @Test
    void shouldRunInPrivateSubnetsWithDataEnvironmentWhenDeployed() {
        Map<String, Object> variables = new HashMap<>(TierSettings.DEFAULT.environment());
        variables.putAll(Map.of(
                "PRICEWIRE_TABLE", stack.resolve(stack.table().table().getTableName()),
                "PRICEWIRE_HISTORY_TABLE",
                        stack.resolve(stack.historyTable().table().getTableName()),
                "PRICEWIRE_REDIS_REPLICATION_GROUP_ID",
                        stack.resolve(stack.cache().replicationGroupId()),
                "PRICEWIRE_REDIS_AUTH_SECRET_ARN",
                        stack.resolve(stack.cache().authToken().getSecretArn()),
                "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of(
                        "Runtime", "java21",
                        "VpcConfig",
                                Match.objectLike(Map.of(
                                        "SubnetIds",
                                                stack.resolve(stack.network()
                                                        .vpc()
                                                        .selectSubnets(Network.privateSubnets())
                                                        .getSubnetIds()),
                                        "SecurityGroupIds",
                                                List.of(stack.resolve(stack.coldRefresh()
                                                        .securityGroup()
                                                        .getSecurityGroupId())))),
                        "Environment", Map.of("Variables", variables))));
    }

    @Test
    void shouldSendFailedInvocationsToEncryptedDeadLetterQueueWhenACycleFails() {
        Object queueArn = stack.resolve(stack.coldRefresh().deadLetterQueue().getQueueArn());
        Object aliasArn = stack.resolve(stack.coldRefresh().alias().getFunctionArn());
        template.hasResourceProperties(
                "AWS::Lambda::EventInvokeConfig",
                Match.objectLike(Map.of(
                        // the alias' name, cut from its ARN
                        "Qualifier",
                        Match.objectLike(Map.of(
                                "Fn::Select",
                                Match.arrayWith(
                                        List.of(Match.objectLike(Map.of("Fn::Split", List.of(":", aliasArn))))))),
                        "MaximumRetryAttempts",
                        0,
                        "MaximumEventAgeInSeconds",
                        240,
                        "DestinationConfig",
                        Map.of("OnFailure", Map.of("Destination", queueArn)))));
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of("SqsManagedSseEnabled", true)));
        template.hasResourceProperties(
                "AWS::SQS::QueuePolicy",
                Match.objectLike(Map.of(
                        "PolicyDocument",
                        Match.objectLike(Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Effect",
                                        "Deny",
                                        "Condition",
                                        Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
    }
}
