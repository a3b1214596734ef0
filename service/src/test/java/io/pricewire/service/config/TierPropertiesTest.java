package io.pricewire.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import io.pricewire.core.asset.TierBoundaries;
import io.pricewire.core.asset.TierSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service reads the tiers from the very variables the cold Lambda reads them from
 * ({@code TierSettings.fromEnvironment}, which {@code ColdRefreshConfig} uses), through Micronaut's
 * mapping of environment variables onto properties.
 */
class TierPropertiesTest {
    private static final TierSettings CONFIGURED = new TierSettings(
            new TierBoundaries(30, 270), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(7));

    @Test
    void shouldReadWhatTheColdLambdaReadsWhenGivenTheSameEnvironment() {
        Map<String, String> env = CONFIGURED.environment();

        TierProperties tiers =
                new TierProperties(resolver(env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE));

        assertThat(tiers.settings()).isEqualTo(CONFIGURED).isEqualTo(TierSettings.fromEnvironment(env));
        assertThat(tiers.hotSize()).isEqualTo(30);
    }

    @Test
    void shouldKeepCoresDefaultsWhenNothingIsSet() {
        TierProperties tiers = new TierProperties(new PropertySourcePropertyResolver());

        assertThat(tiers.settings()).isEqualTo(TierSettings.DEFAULT).isEqualTo(TierSettings.fromEnvironment(Map.of()));
    }

    @Test
    void shouldTakeThePropertyFormWhenSetAsAProperty() {
        TierProperties tiers = new TierProperties(resolver(
                Map.of("pricewire.tiers.hot-interval", "2s"), PropertySource.PropertyConvention.JAVA_PROPERTIES));

        assertThat(tiers.settings().hotInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(tiers.settings().mediumInterval()).isEqualTo(TierSettings.DEFAULT.mediumInterval());
    }

    @Test
    void shouldRefuseToStartWhenAVariableIsMalformed() {
        assertThatThrownBy(() -> new TierProperties(resolver(
                        Map.of("PRICEWIRE_TIERS_MEDIUM_SIZE", "many"),
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PRICEWIRE_TIERS_MEDIUM_SIZE");
    }

    private static PropertySourcePropertyResolver resolver(
            Map<String, String> values, PropertySource.PropertyConvention convention) {
        return new PropertySourcePropertyResolver(PropertySource.of("test", new HashMap<>(values), convention));
    }
}
