package io.pricewire.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.exchange.ExchangeId;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every exchange's quote, converted to USD with the true USDT price, stays within 0.5 % of the truth. */
class TruthVersusQuotesTest {
    private static final double TOLERANCE = 0.005;
    private final SimClient client = new SimClient();
    private ExchangeSim sim;
    private AssetUniverse universe;

    @BeforeEach
    void start() throws IOException {
        universe = AssetUniverse.loadDefault();
        sim = ExchangeSim.start(SimConfig.defaults()
                .withEphemeralPorts()
                .withSeed(11)
                .withTickInterval(Duration.ZERO)
                .withRateLimitsEnforced(false));
        for (int i = 0; i < 100; i++) {
            sim.tick();
        }
    }

    @AfterEach
    void stop() {
        sim.close();
        client.close();
    }

    @Test
    void shouldQuoteWithinHalfAPercentOfTheTruthWhenReadThroughBulkEndpoints() {
        Map<String, Double> binance = new HashMap<>();
        client.getJson(sim.baseUri(ExchangeId.BINANCE), "/api/v3/ticker/price")
                .forEach(t ->
                        binance.put(t.get("symbol").asText(), t.get("price").asDouble()));
        Map<String, Double> okx = new HashMap<>();
        client.getJson(sim.baseUri(ExchangeId.OKX), "/api/v5/market/tickers?instType=SPOT")
                .get("data")
                .forEach(t -> okx.put(t.get("instId").asText(), t.get("last").asDouble()));
        JsonNode kraken = client.getJson(sim.baseUri(ExchangeId.KRAKEN), "/0/public/Ticker")
                .get("result");
        double usdt = sim.truePrice("USDT").doubleValue();

        int checked = 0;
        for (Asset a : universe.all()) {
            double truth = sim.truePrice(a.symbol()).doubleValue();
            var b = a.listingOn(ExchangeId.BINANCE);
            if (b.isPresent()) {
                assertClose(a, ExchangeId.BINANCE, binance.get(b.get().pair()) * usdt, truth);
                checked++;
            }
            var o = a.listingOn(ExchangeId.OKX);
            if (o.isPresent()) {
                assertClose(a, ExchangeId.OKX, okx.get(o.get().pair()) * usdt, truth);
                checked++;
            }
            var k = a.listingOn(ExchangeId.KRAKEN);
            if (k.isPresent()) {
                assertClose(
                        a,
                        ExchangeId.KRAKEN,
                        kraken.get(k.get().resultKey()).get("c").get(0).asDouble(),
                        truth);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1_500);
    }

    @Test
    void shouldQuoteWithinHalfAPercentOfTheTruthWhenReadFromCoinbaseProducts() {
        int checked = 0;
        for (Asset a : universe.all().subList(0, 40)) {
            var listing = a.listingOn(ExchangeId.COINBASE);
            if (listing.isEmpty()) {
                continue;
            }
            JsonNode t = client.getJson(
                    sim.baseUri(ExchangeId.COINBASE),
                    "/products/" + listing.get().pair() + "/ticker");
            assertClose(
                    a,
                    ExchangeId.COINBASE,
                    t.get("price").asDouble(),
                    sim.truePrice(a.symbol()).doubleValue());
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void shouldRoundTheTruthToEightSignificantDigitsWhenAsked() {
        BigDecimal btc = sim.truePrice("btc");
        assertThat(btc.precision()).isLessThanOrEqualTo(8);
        assertThat(btc.round(new MathContext(8))).isEqualByComparingTo(btc);
    }

    private static void assertClose(Asset a, ExchangeId e, double quotedUsd, double truth) {
        assertThat(Math.abs(quotedUsd / truth - 1))
                .as("%s on %s: %s vs truth %s", a.symbol(), e, quotedUsd, truth)
                .isLessThan(TOLERANCE);
    }
}
