package io.pricewire.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Context validation: no synth needed, so these run without jsii. */
class DeploymentSettingsTest {

    @TempDir
    Path repository;

    private Path cdkDir;

    @BeforeEach
    void layOutBuiltRepository() throws IOException {
        cdkDir = Files.createDirectories(repository.resolve("cdk"));
        write("service/target/pricewire-service-all.jar");
        write("lambda-cold-refresh/target/lambda-cold-refresh.jar");
        write("monitoring/prometheus/prometheus.yml");
    }

    @Test
    void shouldUseBuildOutputsAndDefaultsWhenContextIsEmpty() {
        DeploymentSettings settings = DeploymentSettings.fromContext(key -> null, cdkDir);

        assertThat(settings.serviceJar()).isEqualTo(repository.resolve("service/target/pricewire-service-all.jar"));
        assertThat(settings.lambdaJar())
                .isEqualTo(repository.resolve("lambda-cold-refresh/target/lambda-cold-refresh.jar"));
        assertThat(settings.monitoringDir()).isEqualTo(repository.resolve("monitoring"));
        assertThat(settings.tableName()).isEqualTo("prices");
        assertThat(settings.historyTableName()).isEqualTo("price_history");
        assertThat(settings.requestsPerTarget()).isEqualTo(1000);
        assertThat(settings.minCapacity()).isEqualTo(2);
        assertThat(settings.desiredCapacity()).isEqualTo(2);
        assertThat(settings.maxCapacity()).isEqualTo(6);
        assertThat(settings.certificateArn()).isEmpty();
        assertThat(settings.originDomainName()).isEmpty();
        assertThat(settings.adminCidr()).isEmpty();
        assertThat(settings.alarmEmail()).isEmpty();
    }

    @Test
    void shouldNameEveryMissingBuildOutputAndTheBuildCommandWhenJarsAreMissing() throws IOException {
        Files.delete(repository.resolve("service/target/pricewire-service-all.jar"));
        Files.delete(repository.resolve("lambda-cold-refresh/target/lambda-cold-refresh.jar"));

        assertThatThrownBy(() -> DeploymentSettings.fromContext(key -> null, cdkDir))
                .isInstanceOf(DeploymentSettings.InvalidSettingsException.class)
                .hasMessageContaining("serviceJar")
                .hasMessageContaining("lambdaJar")
                .hasMessageContaining("mvn -DskipTests package");
    }

    @Test
    void shouldFailWithClearMessageWhenMonitoringFolderIsMissing() {
        assertThatThrownBy(() -> DeploymentSettings.fromContext(
                        Map.<String, Object>of("monitoringDir", "../nowhere")::get, cdkDir))
                .hasMessageContaining("monitoringDir: no folder at")
                .hasMessageContaining("monitoring/ folder");
    }

    @Test
    void shouldRejectAdminCidrOpenToTheInternetWhenGiven() {
        assertThatThrownBy(() -> read(Map.of("adminCidr", "0.0.0.0/0")))
                .hasMessageContaining("adminCidr must not be /0");
        assertThatThrownBy(() -> read(Map.of("adminCidr", "10.0.0.300/32"))).hasMessageContaining("IPv4 CIDR");
        assertThat(read(Map.of("adminCidr", "203.0.113.7/32")).adminCidr()).contains("203.0.113.7/32");
    }

    @Test
    void shouldRejectMalformedOrSharedTableNamesWhenGiven() {
        assertThatThrownBy(() -> read(Map.of("tableName", "p", "historyTableName", "price history")))
                .hasMessageContaining("tableName must be 3-255 characters")
                .hasMessageContaining("historyTableName must be 3-255 characters");
        assertThatThrownBy(() -> read(Map.of("historyTableName", "prices")))
                .hasMessageContaining("tableName and historyTableName must differ");
        assertThat(read(Map.of("historyTableName", "candles")).historyTableName())
                .isEqualTo("candles");
    }

    @Test
    void shouldRejectCapacitiesOutOfOrderWhenGiven() {
        assertThatThrownBy(() -> read(Map.of("minCapacity", "4", "maxCapacity", "3")))
                .hasMessageContaining("minCapacity <= desiredCapacity <= maxCapacity");
        assertThatThrownBy(() -> read(Map.of("requestsPerTarget", "lots")))
                .hasMessageContaining("requestsPerTarget must be a whole number");
    }

    @Test
    void shouldAcceptCapacitiesWhenGivenAsJsonNumbersOrStrings() {
        DeploymentSettings settings =
                read(Map.of("minCapacity", 3, "desiredCapacity", 4.0, "maxCapacity", "8", "requestsPerTarget", 1500));
        assertThat(settings.minCapacity()).isEqualTo(3);
        assertThat(settings.desiredCapacity()).isEqualTo(4);
        assertThat(settings.maxCapacity()).isEqualTo(8);
        assertThat(settings.requestsPerTarget()).isEqualTo(1500);
    }

    @Test
    void shouldRejectMalformedCertificateArnDomainAndEmailWhenGiven() {
        assertThatThrownBy(() -> read(
                        Map.of("certificateArn", "my-cert", "originDomainName", "not a name", "alarmEmail", "ops")))
                .hasMessageContaining("certificateArn must be an ACM certificate ARN")
                .hasMessageContaining("originDomainName must be a DNS name")
                .hasMessageContaining("alarmEmail must be an e-mail address");
        DeploymentSettings settings = read(Map.of(
                "certificateArn",
                SynthesizedApp.CERTIFICATE_ARN,
                "originDomainName",
                SynthesizedApp.ORIGIN_DOMAIN_NAME));
        assertThat(settings.certificateArn()).contains(SynthesizedApp.CERTIFICATE_ARN);
        assertThat(settings.originDomainName()).contains(SynthesizedApp.ORIGIN_DOMAIN_NAME);
    }

    @Test
    void shouldRequireOriginDomainNameWhenCertificateIsGivenAndTheOtherWayRound() {
        assertThatThrownBy(() -> read(Map.of("certificateArn", SynthesizedApp.CERTIFICATE_ARN)))
                .hasMessageContaining("certificateArn and originDomainName go together");
        assertThatThrownBy(() -> read(Map.of("originDomainName", SynthesizedApp.ORIGIN_DOMAIN_NAME)))
                .hasMessageContaining("certificateArn and originDomainName go together");
    }

    private DeploymentSettings read(Map<String, Object> context) {
        return DeploymentSettings.fromContext(new HashMap<>(context)::get, cdkDir);
    }

    private void write(String relative) throws IOException {
        Path file = repository.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "fixture");
    }
}
