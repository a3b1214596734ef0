package io.pricewire.cdk;

import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * Entry point {@code cdk.json} runs: reads and validates the context once, then builds the
 * {@code Pricewire} stack. The stack is environment-agnostic (no account or region in it), so
 * synth needs neither credentials nor network; {@code cdk deploy} targets the account and region
 * of the caller's credentials.
 */
public final class PricewireApp {

    public static final String STACK_NAME = "Pricewire";

    private PricewireApp() {}

    public static void main(String[] args) {
        App app = new App();
        DeploymentSettings settings;
        try {
            settings = DeploymentSettings.fromContext(key -> app.getNode().tryGetContext(key), Path.of(""));
        } catch (DeploymentSettings.InvalidSettingsException e) {
            System.err.println("pricewire-cdk: " + e.getMessage());
            System.exit(2);
            return;
        }
        new PricewireStack(
                app,
                STACK_NAME,
                StackProps.builder()
                        .description(
                                "Pricewire: real-time crypto price aggregator (service fleet, Redis, DynamoDB, cold-refresh Lambda, monitoring)")
                        .build(),
                settings);
        app.synth();
    }
}
