package io.pricewire.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExchangeAdaptersTest {

    @Test
    void shouldProvideOneAdapterPerExchangeWhenAskedForDefaults() {
        Map<ExchangeId, ExchangeAdapter> adapters = ExchangeAdapters.defaults();

        assertThat(adapters).containsOnlyKeys(ExchangeId.values());
        adapters.forEach((id, adapter) -> assertThat(adapter.id()).isEqualTo(id));
    }
}
