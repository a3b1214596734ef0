package io.pricewire.lambda.coldrefresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricewire.core.asset.TierBoundaries;
import io.pricewire.core.asset.TierSettings;
import io.pricewire.core.exchange.ExchangeId;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColdRefreshConfigTest {

    @Test
    void shouldUseTheProductionDefaultsWhenOnlyRedisIsConfigured() {
        ColdRefreshConfig config = ColdRefreshConfig.fromEnvironment(Map.of("REDIS_URI", "redis://cache:6379"));

        assertThat(config.table()).isEqualTo("prices");
        assertThat(config.historyTable()).isEqualTo("price_history");
        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.dynamoEndpoint()).isNull();
        assertThat(config.tiers().boundaries()).isEqualTo(new TierBoundaries(20, 180));
        assertThat(config.tiers()).isEqualTo(TierSettings.DEFAULT);
        assertThat(config.budget()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.batchSize())
                .isEqualTo(ColdRefreshConfig.DEFAULT_BATCH_SIZE)
                .isEqualTo(1000);
        assertThat(config.exchangeUrls())
                .containsEntry(ExchangeId.BINANCE, URI.create("https://api.binance.com"))
                .containsEntry(ExchangeId.COINBASE, URI.create("https://api.exchange.coinbase.com"))
                .containsEntry(ExchangeId.KRAKEN, URI.create("https://api.kraken.com"))
                .containsEntry(ExchangeId.OKX, URI.create("https://www.okx.com"));
    }

    @Test
    void shouldTakeEveryOverrideWhenTheVariablesAreSet() {
        Map<String, String> env = new HashMap<>();
        env.put("REDIS_URI", "rediss://:secret@cache:6380");
        env.put("PRICEWIRE_TABLE", "prices-staging");
        env.put("PRICEWIRE_HISTORY_TABLE", "price_history-staging");
        env.put("AWS_REGION", "eu-west-1");
        env.put("DYNAMODB_ENDPOINT", "http://127.0.0.1:4567");
        env.put("BINANCE_URL", "http://127.0.0.1:9101");
        env.put("COINBASE_URL", "http://127.0.0.1:9102");
        env.put("KRAKEN_URL", "http://127.0.0.1:9103");
        env.put("OKX_URL", "http://127.0.0.1:9104");
        env.put("PRICEWIRE_TIERS_HOT_SIZE", "50");
        env.put("PRICEWIRE_TIERS_MEDIUM_SIZE", "450");
        env.put("PRICEWIRE_COLD_BUDGET_SECONDS", "240");
        env.put("PRICEWIRE_COLD_BATCH_SIZE", "100");

        ColdRefreshConfig config = ColdRefreshConfig.fromEnvironment(env);

        assertThat(config.table()).isEqualTo("prices-staging");
        assertThat(config.historyTable()).isEqualTo("price_history-staging");
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.dynamoEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4567"));
        assertThat(config.exchangeUrls().get(ExchangeId.OKX)).isEqualTo(URI.create("http://127.0.0.1:9104"));
        assertThat(config.tiers().boundaries()).isEqualTo(new TierBoundaries(50, 450));
        assertThat(config.budget()).isEqualTo(Duration.ofSeconds(240));
        assertThat(config.batchSize()).isEqualTo(100);
    }

    @Test
    void shouldRefuseToStartWhenRedisIsNotConfigured() {
        assertThatThrownBy(() -> ColdRefreshConfig.fromEnvironment(Map.of("PRICEWIRE_TABLE", "prices")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REDIS_URI");
    }

    @Test
    void shouldNameTheVariableWhenANumberIsMalformed() {
        assertThatThrownBy(() -> ColdRefreshConfig.fromEnvironment(
                        Map.of("REDIS_URI", "redis://cache", "PRICEWIRE_TIERS_HOT_SIZE", "twenty")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PRICEWIRE_TIERS_HOT_SIZE");
        assertThatThrownBy(() -> ColdRefreshConfig.fromEnvironment(
                        Map.of("REDIS_URI", "redis://cache", "PRICEWIRE_COLD_BUDGET_SECONDS", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PRICEWIRE_COLD_BUDGET_SECONDS");
    }

    @Test
    void shouldReadTheTiersAsTheServiceDoesWhenTheSharedVariablesAreSet() {
        TierSettings tiers = new TierSettings(
                new TierBoundaries(30, 270), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(7));
        Map<String, String> env = new HashMap<>(tiers.environment());
        env.put("REDIS_URI", "redis://cache:6379");

        assertThat(ColdRefreshConfig.fromEnvironment(env).tiers())
                .isEqualTo(tiers)
                .isEqualTo(TierSettings.fromEnvironment(env));
    }

    @Test
    void shouldRefuseToStartWhenATierSizeIsSetUnderItsOldName() {
        assertThatThrownBy(() -> ColdRefreshConfig.fromEnvironment(
                        Map.of("REDIS_URI", "redis://cache", "PRICEWIRE_MEDIUM_SIZE", "100")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PRICEWIRE_TIERS_MEDIUM_SIZE");
    }

    @Test
    void shouldNameTheVariableWhenAnExchangeUrlIsNotAbsolute() {
        assertThatThrownBy(() -> ColdRefreshConfig.fromEnvironment(
                        Map.of("REDIS_URI", "redis://cache", "KRAKEN_URL", "kraken:9103")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KRAKEN_URL");
    }

    @Test
    void shouldKeepTheRedisCredentialsOutOfItsTextWhenLogged() {
        ColdRefreshConfig config =
                ColdRefreshConfig.fromEnvironment(Map.of("REDIS_URI", "rediss://:s3cr3t-token@cache:6380"));

        assertThat(config.toString()).doesNotContain("s3cr3t-token").contains("prices");
    }

    @Test
    void shouldKeepTheRedisCredentialsOutOfTheErrorWhenTheRedisUriIsMalformed() {
        assertThatThrownBy(() -> ColdRefreshConfig.fromEnvironment(Map.of("REDIS_URI", "rediss://:s3cr3t-token@")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REDIS_URI")
                .hasMessageNotContaining("s3cr3t-token");
    }
}
