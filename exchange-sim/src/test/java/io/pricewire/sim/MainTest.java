package io.pricewire.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.exchange.ExchangeId;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Main.Launch launch(Map<String, String> env, String... args) {
        return Main.launch(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldPrintUsageAndExitZeroWhenHelpIsAsked() {
        assertThat(launch(Map.of(), "--help")).isEqualTo(new Main.Launch.Exit(0));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("usage: java -jar exchange-sim.jar")
                .contains("--no-rate-limits");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldPrintOneLineAndUsageAndExitTwoWhenAnOptionIsUnknown() {
        assertThat(launch(Map.of(), "--bogus")).isEqualTo(new Main.Launch.Exit(2));
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("exchange-sim: unknown option '--bogus'");
        assertThat(lines.get(1)).startsWith("usage:");
    }

    @Test
    void shouldExitTwoWhenAPortIsNotANumber() {
        assertThat(launch(Map.of(), "--kraken-port", "abc")).isEqualTo(new Main.Launch.Exit(2));
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("exchange-sim: --kraken-port must be a port number");
    }

    @Test
    void shouldExitTwoWhenAnOptionLacksItsValue() {
        assertThat(launch(Map.of(), "--seed")).isEqualTo(new Main.Launch.Exit(2));
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("exchange-sim: --seed needs a value");
    }

    @Test
    void shouldExitTwoWhenTheUniverseFileIsMissing() {
        assertThat(launch(Map.of(), "--universe", "/nonexistent/assets.csv")).isEqualTo(new Main.Launch.Exit(2));
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("exchange-sim: --universe file not found");
    }

    @Test
    void shouldTakeTheControlPortFromTheEnvironmentUnlessAnOptionSetsIt() throws Main.UsageException {
        assertThat(Main.parse(new String[0], Map.of("SIM_CONTROL_PORT", "9200")).controlPort())
                .isEqualTo(9200);
        assertThat(Main.parse(new String[] {"--control-port", "9300"}, Map.of("SIM_CONTROL_PORT", "9200"))
                        .controlPort())
                .isEqualTo(9300);
    }

    @Test
    void shouldApplyEveryOptionWhenTheCommandLineIsValid() throws Main.UsageException {
        SimConfig config = Main.parse(
                new String[] {
                    "--seed",
                    "7",
                    "--binance-port",
                    "1",
                    "--coinbase-port",
                    "2",
                    "--kraken-port",
                    "3",
                    "--okx-port",
                    "4",
                    "--no-rate-limits",
                    "--binance-connection-max-age",
                    "90"
                },
                Map.of());
        assertThat(config.seed()).isEqualTo(7);
        assertThat(config.ports())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(ExchangeId.BINANCE, 1, ExchangeId.COINBASE, 2, ExchangeId.KRAKEN, 3, ExchangeId.OKX, 4));
        assertThat(config.enforceRateLimits()).isFalse();
        assertThat(config.streams().binanceConnectionMaxAge()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void shouldExitTwoWhenTheConnectionMaxAgeIsNotPositive() {
        assertThat(launch(Map.of(), "--binance-connection-max-age", "0")).isEqualTo(new Main.Launch.Exit(2));
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("exchange-sim: --binance-connection-max-age must be a positive whole number of seconds");
    }

    @Test
    void shouldPrintOneLinePerServerWhenStarted() {
        Main.Launch launch = launch(
                Map.of(),
                "--control-port",
                "0",
                "--binance-port",
                "0",
                "--coinbase-port",
                "0",
                "--kraken-port",
                "0",
                "--okx-port",
                "0");
        assertThat(launch).isInstanceOf(Main.Launch.Running.class);
        try (ExchangeSim sim = ((Main.Launch.Running) launch).sim()) {
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).hasSize(5);
            assertThat(lines.get(0)).isEqualTo("control  " + sim.controlUri());
            assertThat(lines.get(1)).isEqualTo("binance  " + sim.baseUri(ExchangeId.BINANCE));
            assertThat(lines).allMatch(l -> l.contains("http://127.0.0.1:"));
        }
    }

    @Test
    void shouldStopCleanlyWhenTheProcessGetsSigterm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--control-port",
                        "0",
                        "--binance-port",
                        "0",
                        "--coinbase-port",
                        "0",
                        "--kraken-port",
                        "0",
                        "--okx-port",
                        "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader stdout =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                SimClient client = new SimClient()) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String line = stdout.readLine();
                assertThat(line).as("server line %d", i).isNotNull();
                lines.add(line);
            }
            URI control = URI.create(lines.get(0).substring(lines.get(0).indexOf("http")));
            assertThat(client.get(control, "/health").statusCode()).isEqualTo(200);

            // SIGTERM through the handle: Process.destroy() would also close our end of stdout
            assertThat(process.toHandle().destroy()).isTrue();
            // read to the end before waiting, so the last line is not lost when the pipe closes at exit
            List<String> rest = stdout.lines().toList();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(rest).containsExactly("exchange-sim stopped");
        } finally {
            process.destroyForcibly();
        }
    }
}
