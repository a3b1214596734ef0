package io.pricewire.loadtest.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@MicronautTest
class FixedPriceControllerTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void shouldAnswerTheFixedPriceJsonWhenAnySymbolIsRequested() {
        HttpResponse<byte[]> btc = client.toBlocking().exchange(HttpRequest.GET("/v1/prices/BTC"), byte[].class);
        HttpResponse<byte[]> other = client.toBlocking().exchange(HttpRequest.GET("/v1/prices/zzz"), byte[].class);

        assertThat(btc.getContentType()).contains(MediaType.APPLICATION_JSON_TYPE);
        String json = new String(btc.body(), StandardCharsets.UTF_8);
        assertThat(json)
                .startsWith("{\"symbol\":\"BTC\",\"currency\":\"USD\",\"price\":\"95012.34\"")
                .contains("\"sources\":[{\"exchange\":\"binance\"")
                .contains("\"rejected\":[{\"exchange\":\"okx\"");
        assertThat(btc.body().length).isBetween(350, 500);
        assertThat(other.body()).isEqualTo(btc.body());
    }
}
