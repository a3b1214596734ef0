package io.pricewire.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.asset.Tier;
import org.junit.jupiter.api.Test;

/**
 * The names are a contract beyond this build: a Lambda and a service of different versions share
 * one Redis during a deployment, and the runbooks (monitoring/) and loadtest/bench name keys too.
 */
class RedisKeysTest {

    @Test
    void shouldKeepTheNamesDeployedVersionsAndRunbooksUse() {
        assertThat(RedisKeys.price("BTC")).isEqualTo("price:BTC");
        assertThat(RedisKeys.PRICE_CHANNEL).isEqualTo("prices");
        assertThat(RedisKeys.DEMAND_SCORES).isEqualTo("demand:scores");
        assertThat(RedisKeys.HOT_SET).isEqualTo("tier:hot");
        assertThat(RedisKeys.PROMOTED).isEqualTo("tier:promoted");
        assertThat(RedisKeys.refreshLease(Tier.HOT)).isEqualTo("lease:refresh:hot");
        assertThat(RedisKeys.refreshLease(Tier.MEDIUM)).isEqualTo("lease:refresh:medium");
        assertThat(RedisKeys.DEMAND_LEASE).isEqualTo("lease:demand");
        assertThat(RedisKeys.COLD_FILL_LEASE).isEqualTo("lease:warmup:cold-fill");
    }
}
