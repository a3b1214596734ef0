package io.pricewire.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.cloudfront.CfnDistribution;

/** The whole stack: security checks that hold across every construct, and the outputs. */
class PricewireStackTest {

    private final SynthesizedApp app = SynthesizedApp.get();

    @Test
    void shouldPassAwsSolutionsChecksWhenSynthesizedWithDefaultsOrEveryOption() {
        for (PricewireStack stack : List.of(app.defaults, app.full)) {
            List<String> errors = SynthesizedApp.nagErrors(stack).stream()
                    .map(PricewireStackTest::describe)
                    .toList();
            assertThat(errors)
                    .as("unsuppressed cdk-nag errors in %s", stack.getStackName())
                    .isEmpty();
        }
    }

    @Test
    void shouldAllowNoWildcardActionWhenAnyPolicyGrantsAccess() {
        for (Template template : app.templates()) {
            List<String> wildcards = TemplateQueries.statements(template).stream()
                    // a Deny may (and for enforceSSL does) name every action: it takes privileges away
                    .filter(statement -> "Allow".equals(statement.get("Effect")))
                    .flatMap(statement -> TemplateQueries.actions(statement).stream())
                    .filter(action -> action.contains("*"))
                    .toList();
            assertThat(wildcards).isEmpty();
        }
    }

    @Test
    void shouldGiveEveryNagSuppressionAWrittenReasonWhenAnyRuleIsSuppressed() {
        for (Template template : app.templates()) {
            List<Map<String, Object>> suppressions = TemplateQueries.nagSuppressions(template);
            assertThat(suppressions)
                    .isNotEmpty()
                    .allSatisfy(s -> assertThat(String.valueOf(s.get("reason")))
                            .as("reason of %s", s.get("id"))
                            .hasSizeGreaterThan(40));
        }
    }

    @Test
    void shouldExportCloudFrontHttpsApiUrlGrafanaAndDashboardWhenDeployed() {
        for (PricewireStack stack : List.of(app.defaults, app.full)) {
            Template template = stack == app.defaults ? app.defaultsTemplate : app.fullTemplate;
            String distribution = stack.resolve(((CfnDistribution)
                                    stack.edge().distribution().getNode().getDefaultChild())
                            .getLogicalId())
                    .toString();
            template.hasOutput(
                    "ApiUrl",
                    Match.objectLike(Map.of(
                            "Value",
                            Map.of(
                                    "Fn::Join",
                                    List.of(
                                            "",
                                            List.of(
                                                    "https://",
                                                    Map.of("Fn::GetAtt", List.of(distribution, "DomainName"))))))));
            template.hasOutput("GrafanaUrl", Match.objectLike(Map.of("Value", Match.anyValue())));
            template.hasOutput("DashboardUrl", Match.objectLike(Map.of("Value", Match.anyValue())));
        }
    }

    @Test
    void shouldTagResourcesWithProjectWhenSynthesized() {
        app.defaultsTemplate.hasResourceProperties(
                "AWS::EC2::VPC",
                Match.objectLike(
                        Map.of("Tags", Match.arrayWith(List.of(Map.of("Key", "project", "Value", "pricewire"))))));
        app.defaultsTemplate.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Match.objectLike(
                        Map.of("Tags", Match.arrayWith(List.of(Map.of("Key", "project", "Value", "pricewire"))))));
    }

    private static String describe(SynthesisMessage message) {
        return message.getId() + ": " + message.getEntry().getData();
    }
}
