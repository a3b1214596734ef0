package io.pricewire.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricewire.core.exchange.ExchangeId;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FaultsTest extends SteppedSimTest {

    FaultsTest() {
        super("2026-03-01T12:00:00.250Z", c -> c.withRateLimitsEnforced(false));
    }

    /** One single-ticker request per exchange, for BTC. */
    private static String btcTicker(ExchangeId e) {
        return switch (e) {
            case BINANCE -> "/api/v3/ticker/24hr?symbol=BTCUSDT";
            case COINBASE -> "/products/BTC-USD/ticker";
            case KRAKEN -> "/0/public/Ticker?pair=XBTUSD";
            case OKX -> "/api/v5/market/ticker?instId=BTC-USDT";
        };
    }

    private double btcPrice(ExchangeId e) {
        JsonNode body = client.getJson(sim.baseUri(e), btcTicker(e));
        String price = switch (e) {
            case BINANCE -> body.get("lastPrice").asText();
            case COINBASE -> body.get("price").asText();
            case KRAKEN -> body.get("result").get("XXBTZUSD").get("c").get(0).asText();
            case OKX -> body.get("data").get(0).get("last").asText();
        };
        return Double.parseDouble(price);
    }

    private HttpResponse<String> getBtc(ExchangeId e) {
        return client.get(sim.baseUri(e), btcTicker(e));
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldRefuseConnectionsAndComeBackOnTheSamePortWhenDownIsSetAndCleared(ExchangeId e) {
        URI before = sim.baseUri(e);
        sim.setFault(e, Fault.down());

        assertThat(sim.isListening(e)).isFalse();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), before.getPort()).close())
                .isInstanceOf(ConnectException.class);

        sim.clearFault(e);
        assertThat(sim.baseUri(e)).isEqualTo(before);
        assertThat(getBtc(e).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldListenAgainWhenAnotherFaultReplacesDown() {
        sim.setFault(ExchangeId.OKX, Fault.down());
        sim.setFault(ExchangeId.OKX, Fault.outlier(2));
        assertThat(sim.isListening(ExchangeId.OKX)).isTrue();
        assertThat(getBtc(ExchangeId.OKX).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldDelayEveryAnswerWhenSlowIsSet() {
        sim.setFault(ExchangeId.KRAKEN, Fault.slow(Duration.ofMillis(400)));
        long start = System.nanoTime();
        assertThat(getBtc(ExchangeId.KRAKEN).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));

        sim.clearFault(ExchangeId.KRAKEN);
        start = System.nanoTime();
        getBtc(ExchangeId.KRAKEN);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldAnswerAServerErrorInTheExchangesStyleWhenErrorIsSet(ExchangeId e) {
        sim.setFault(e, Fault.error());
        HttpResponse<String> response = getBtc(e);
        JsonNode body = client.json(response);
        switch (e) {
            case BINANCE -> {
                assertThat(response.statusCode()).isEqualTo(500);
                assertThat(body.get("code").asInt()).isEqualTo(-1001);
            }
            case COINBASE -> {
                assertThat(response.statusCode()).isEqualTo(500);
                assertThat(body.get("message").asText()).isNotBlank();
            }
            case KRAKEN -> {
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(body.get("error").get(0).asText()).isEqualTo("EService:Unavailable");
            }
            case OKX -> {
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(body.get("code").asText()).isEqualTo("50001");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldAnswer200WithUnparseableJsonWhenGarbageIsSet(ExchangeId e) {
        sim.setFault(e, Fault.garbage());
        HttpResponse<String> response = getBtc(e);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isNotEmpty();
        assertThatThrownBy(() -> new ObjectMapper().readTree(response.body())).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldMultiplyPricesByTheFactorWhenOutlierIsSet(ExchangeId e) {
        double normal = btcPrice(e);
        sim.setFault(e, Fault.of(FaultMode.OUTLIER));
        assertThat(btcPrice(e)).isCloseTo(normal * 10, within(normal * 10 * 1e-6));
        sim.setFault(e, Fault.outlier(0.5));
        assertThat(btcPrice(e)).isCloseTo(normal * 0.5, within(normal * 1e-6));
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldFreezePricesWhenStaleIsSet(ExchangeId e) {
        sim.setFault(e, Fault.of(FaultMode.STALE));
        double frozen = btcPrice(e);
        for (int i = 0; i < 50; i++) {
            sim.tick();
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(btcPrice(e)).isEqualTo(frozen);
        sim.clearFault(e);
        assertThat(btcPrice(e)).isNotEqualTo(frozen);
    }

    @Test
    void shouldBackdateTimestampsByTenMinutesWhenStaleIsSetWithoutLatency() {
        Instant setAt = clock.instant();
        for (ExchangeId e : ExchangeId.values()) {
            sim.setFault(e, Fault.of(FaultMode.STALE));
        }
        clock.advance(Duration.ofSeconds(30));
        long expected = setAt.minus(Duration.ofMinutes(10)).toEpochMilli();

        JsonNode coinbase = client.getJson(sim.baseUri(ExchangeId.COINBASE), btcTicker(ExchangeId.COINBASE));
        assertThat(Instant.parse(coinbase.get("time").asText()).toEpochMilli()).isEqualTo(expected);
        JsonNode okx = client.getJson(sim.baseUri(ExchangeId.OKX), btcTicker(ExchangeId.OKX));
        assertThat(okx.get("data").get(0).get("ts").asText()).isEqualTo(Long.toString(expected));
        JsonNode binance = client.getJson(sim.baseUri(ExchangeId.BINANCE), btcTicker(ExchangeId.BINANCE));
        assertThat(binance.get("closeTime").asLong()).isEqualTo(expected);
    }

    @Test
    void shouldBackdateByLatencyMsWhenStaleIsSetWithLatency() {
        sim.setFault(ExchangeId.COINBASE, Fault.stale(Duration.ofSeconds(90)));
        JsonNode coinbase = client.getJson(sim.baseUri(ExchangeId.COINBASE), btcTicker(ExchangeId.COINBASE));
        assertThat(Instant.parse(coinbase.get("time").asText()))
                .isEqualTo(clock.instant().minusSeconds(90));
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldAnswerTheRateLimitAnswerWhenRatelimitIsSetEvenIfLimitsAreOff(ExchangeId e) {
        sim.setFault(e, Fault.rateLimit());
        HttpResponse<String> response = getBtc(e);
        JsonNode body = client.json(response);
        switch (e) {
            case BINANCE -> {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(body.get("code").asInt()).isEqualTo(-1003);
            }
            case COINBASE -> {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(body.get("message").asText()).isEqualTo("Public rate limit exceeded");
            }
            case KRAKEN -> {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(body.get("error").get(0).asText()).isEqualTo("EGeneral:Too many requests");
            }
            case OKX -> {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(body.get("code").asText()).isEqualTo("50011");
            }
        }
        assertThat(sim.rateLimitedCount(e)).isEqualTo(1);
        assertThat(sim.requestCount(e)).isEqualTo(1);
    }

    @Test
    void shouldAnnounceLatencyMsAsRetryAfterWhenRatelimitHasLatency() {
        sim.setFault(ExchangeId.BINANCE, new Fault(FaultMode.RATELIMIT, 30_000L, null));
        assertThat(getBtc(ExchangeId.BINANCE).headers().firstValue("Retry-After"))
                .hasValue("30");
    }

    @Test
    void shouldAffectOnlyTheFaultyExchangeWhenOneExchangeHasAFault() {
        sim.setFault(ExchangeId.BINANCE, Fault.error());
        assertThat(getBtc(ExchangeId.BINANCE).statusCode()).isEqualTo(500);
        assertThat(getBtc(ExchangeId.COINBASE).statusCode()).isEqualTo(200);
        sim.clearAllFaults();
        assertThat(getBtc(ExchangeId.BINANCE).statusCode()).isEqualTo(200);
        assertThat(sim.activeFaults()).isEmpty();
    }
}
