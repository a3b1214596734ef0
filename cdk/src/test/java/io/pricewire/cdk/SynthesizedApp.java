package io.pricewire.cdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * The one app every test reads, synthesized once per JVM (jsii's node process and a synth take
 * seconds): with the feature flags of {@code cdk.json}, cdk-nag's AwsSolutions pack as an aspect,
 * fixture jars and monitoring folder, and two stacks: {@link #defaults} (no optional context) and
 * {@link #full} (certificate and origin domain name, admin CIDR, alarm e-mail, table names, custom capacity and
 * scaling target).
 */
public final class SynthesizedApp {

    public static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    public static final String CERTIFICATE_ARN =
            "arn:aws:acm:eu-west-1:123456789012:certificate/0b1c2d3e-0000-4000-8000-000000000000";
    public static final String ORIGIN_DOMAIN_NAME = "origin.pricewire.example.com";
    public static final String ADMIN_CIDR = "203.0.113.0/24";
    public static final String ALARM_EMAIL = "oncall@example.com";

    private static SynthesizedApp instance;

    public final PricewireStack defaults;
    public final PricewireStack full;
    public final Template defaultsTemplate;
    public final Template fullTemplate;

    private SynthesizedApp() {
        App app = new App(AppProps.builder().context(cdkJsonContext()).build());
        Aspects.of(app)
                .add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));

        this.defaults = new PricewireStack(app, "Defaults", StackProps.builder().build(), settings(Map.of()));
        this.full = new PricewireStack(
                app,
                "Full",
                StackProps.builder().build(),
                settings(Map.of(
                        "certificateArn", CERTIFICATE_ARN,
                        "originDomainName", ORIGIN_DOMAIN_NAME,
                        "adminCidr", ADMIN_CIDR,
                        "alarmEmail", ALARM_EMAIL,
                        "tableName", "prices-full",
                        "historyTableName", "history-full",
                        "requestsPerTarget", "800",
                        "minCapacity", "3",
                        "desiredCapacity", "4",
                        "maxCapacity", "10")));
        this.defaultsTemplate = Template.fromStack(defaults);
        this.fullTemplate = Template.fromStack(full);
    }

    public static synchronized SynthesizedApp get() {
        if (instance == null) {
            instance = new SynthesizedApp();
        }
        return instance;
    }

    public List<Template> templates() {
        return List.of(defaultsTemplate, fullTemplate);
    }

    /** cdk-nag's error annotations of a stack (suppressed findings are not reported as errors). */
    public static List<SynthesisMessage> nagErrors(PricewireStack stack) {
        return Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    }

    /** Settings as the app reads them, with the fixtures in place of the build outputs. */
    static DeploymentSettings settings(Map<String, String> extra) {
        Map<String, Object> context = new HashMap<>(extra);
        context.put("serviceJar", FIXTURES.resolve("service.jar").toString());
        context.put("lambdaJar", FIXTURES.resolve("lambda.jar").toString());
        context.put("monitoringDir", FIXTURES.resolve("monitoring").toString());
        return DeploymentSettings.fromContext(context::get, Path.of(""));
    }

    /** The feature flags the CLI would pass, so the tests see the template `cdk synth` writes. */
    private static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson =
                    new ObjectMapper().readValue(Path.of("cdk.json").toFile(), new TypeReference<>() {});
            @SuppressWarnings("unchecked")
            Map<String, Object> context = new HashMap<>((Map<String, Object>) cdkJson.get("context"));
            // with it, any error annotation aborts the synth; without it, cdk-nag's findings reach
            // PricewireStackTest's assertion, which names each one (the CLI keeps the flag: synth fails there)
            context.put("@aws-cdk/core:annotationsInValidationReport", false);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
