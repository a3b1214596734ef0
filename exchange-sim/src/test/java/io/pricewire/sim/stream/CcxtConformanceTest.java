package io.pricewire.sim.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.sim.ExchangeSim;
import io.pricewire.sim.SimConfig;
import io.pricewire.testkit.NpmPackages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The standard the streams are held to: ccxt, a widely used exchange client, pointed at the sim's URLs, loads
 * each exchange's markets over REST and parses tickers from all four streams, unchanged, as it does against
 * the real exchanges ({@code conformance/watch-tickers.mjs}). Needs Node.js; the harness's npm packages are
 * installed from its lock file on first use.
 */
class CcxtConformanceTest {
    private static final Path HARNESS = Path.of("conformance").toAbsolutePath();
    private static final long RUN_SECONDS = 120;

    @Test
    void shouldLetCcxtSubscribeAndParseTickersFromAllFourStreams() throws Exception {
        NpmPackages.ensureInstalled(HARNESS, "ccxt/package.json", "the stream conformance harness (ccxt)");
        try (ExchangeSim sim = ExchangeSim.start(SimConfig.defaults().withEphemeralPorts())) {
            List<String> command = new ArrayList<>(List.of("node", "watch-tickers.mjs", "--timeout-ms", "20000"));
            for (ExchangeId e : ExchangeId.values()) {
                command.add("--" + e.label());
                command.add(sim.baseUri(e).toString());
            }
            Process node = start(command);
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(node.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(node.getErrorStream()));
            if (!node.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor();
                fail("the ccxt harness did not finish within " + RUN_SECONDS + " s; so far: " + out.getNow(""));
            }
            String printed = out.get();
            assertThat(node.exitValue())
                    .as("harness exit; stdout:%n%s%nstderr:%n%s", printed, err.get())
                    .isZero();

            List<JsonNode> tickers = printed.lines()
                    .filter(l -> l.startsWith("{"))
                    .map(WsClient::json)
                    .toList();
            for (ExchangeId e : ExchangeId.values()) {
                String quote = e == ExchangeId.BINANCE || e == ExchangeId.OKX ? "USDT" : "USD";
                List<JsonNode> mine = tickers.stream()
                        .filter(t -> t.get("exchange").asText().equals(e.label()))
                        .toList();
                assertThat(mine)
                        .extracting(t ->
                                t.get("method").asText() + " " + t.get("symbol").asText())
                        .as(e.label())
                        .containsExactly(
                                "watchTicker BTC/" + quote, "watchTickers BTC/" + quote, "watchTickers ETH/" + quote);
                for (JsonNode t : mine) {
                    checkPrice(sim, e, t);
                }
            }
        }
    }

    /** The parsed price is the sim's quote: within 1 % of the truth (deviation ±0.15 %, USDT's ±0.2 %, the walk). */
    private static void checkPrice(ExchangeSim sim, ExchangeId e, JsonNode t) {
        String asset = t.get("symbol").asText().split("/")[0];
        double truth = sim.truePrice(asset).doubleValue();
        double last = t.get("last").asDouble();
        assertThat(last).as("%s %s last", e.label(), asset).isCloseTo(truth, within(truth * 0.01));
        if (t.hasNonNull("bid")) {
            assertThat(t.get("bid").asDouble())
                    .as("%s %s bid", e.label(), asset)
                    .isLessThan(t.get("ask").asDouble());
        }
        // Kraken's v2 ticker has a timestamp ccxt does not read; the others' event times are now
        if (e != ExchangeId.KRAKEN) {
            assertThat(t.get("timestamp").asLong())
                    .as("%s %s timestamp", e.label(), asset)
                    .isCloseTo(System.currentTimeMillis(), within(120_000L));
        }
    }

    private static Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).directory(HARNESS.toFile()).start();
        } catch (IOException e) {
            return fail("could not run " + String.join(" ", command)
                    + ": Node.js 20+ must be on the PATH (it also runs dynalite): " + e.getMessage());
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
