package io.pricewire.sim;

import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.exchange.ExchangeId;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Command line entry point: {@code java -jar exchange-sim.jar [options]}; runs until SIGTERM or Ctrl-C. */
public final class Main {
    static final String USAGE = """
            usage: java -jar exchange-sim.jar [options]
              --seed N              seed of the price walk and exchange deviations (default 42)
              --control-port P      control API port (default $SIM_CONTROL_PORT, else 9100)
              --binance-port P      (default 9101)
              --coinbase-port P     (default 9102)
              --kraken-port P       (default 9103)
              --okx-port P          (default 9104)
              --universe FILE       asset CSV (rank,symbol,name,id,binance,coinbase,kraken,okx); default: core's universe
              --no-rate-limits      never answer with a rate-limit error (weights are still reported)
              --binance-connection-max-age S
                                    seconds a Binance stream connection lives before it is closed (default 86400)
              --help                print this and exit
            A port of 0 picks a free one. Every server binds 127.0.0.1 only.""";

    /** The result of reading the command line: exit with a code, or a running simulator. */
    sealed interface Launch {
        record Exit(int code) implements Launch {}

        record Running(ExchangeSim sim) implements Launch {}
    }

    /** A command line that cannot be run; the message is one line for the user. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        Launch launch = launch(args, System.getenv(), System.out, System.err);
        if (launch instanceof Launch.Exit exit) {
            System.exit(exit.code());
        }
        ExchangeSim sim = ((Launch.Running) launch).sim();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            sim.close();
                            System.out.println("exchange-sim stopped");
                            stopped.countDown();
                        },
                        "exchange-sim-shutdown"));
        stopped.await();
    }

    /** Parses the command line and starts the simulator; prints usage or the server URLs. */
    static Launch launch(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return new Launch.Exit(0);
            }
        }
        SimConfig config;
        try {
            config = parse(args, env);
        } catch (UsageException e) {
            err.println("exchange-sim: " + e.getMessage());
            err.println(USAGE);
            return new Launch.Exit(2);
        }
        try {
            ExchangeSim sim = ExchangeSim.start(config);
            out.println("control  " + sim.controlUri());
            for (ExchangeId e : ExchangeId.values()) {
                out.printf("%-8s %s%n", e.label(), sim.baseUri(e));
            }
            out.flush();
            return new Launch.Running(sim);
        } catch (IOException e) {
            err.println("exchange-sim: could not start: " + e.getMessage());
            return new Launch.Exit(1);
        }
    }

    /** Reads the options into a configuration; {@code SIM_CONTROL_PORT} sets the control port default. */
    static SimConfig parse(String[] args, Map<String, String> env) throws UsageException {
        SimConfig config = SimConfig.defaults();
        String envPort = env.get("SIM_CONTROL_PORT");
        if (envPort != null && !envPort.isBlank()) {
            config = config.withControlPort(port("SIM_CONTROL_PORT", envPort.trim()));
        }
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--no-rate-limits" -> config = config.withRateLimitsEnforced(false);
                case "--seed" -> config = config.withSeed(seed(value(args, ++i, option)));
                case "--control-port" -> config = config.withControlPort(port(option, value(args, ++i, option)));
                case "--binance-port" ->
                    config = config.withPort(ExchangeId.BINANCE, port(option, value(args, ++i, option)));
                case "--coinbase-port" ->
                    config = config.withPort(ExchangeId.COINBASE, port(option, value(args, ++i, option)));
                case "--kraken-port" ->
                    config = config.withPort(ExchangeId.KRAKEN, port(option, value(args, ++i, option)));
                case "--okx-port" -> config = config.withPort(ExchangeId.OKX, port(option, value(args, ++i, option)));
                case "--universe" -> config = config.withUniverse(universe(value(args, ++i, option)));
                case "--binance-connection-max-age" ->
                    config = config.withStreams(config.streams()
                            .withBinanceConnectionMaxAge(
                                    Duration.ofSeconds(seconds(option, value(args, ++i, option)))));
                default -> throw new UsageException("unknown option '" + option + "'");
            }
        }
        return config;
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String option, String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the same message as an out-of-range number
        }
        throw new UsageException(option + " must be a port number 0..65535, got '" + value + "'");
    }

    private static long seconds(String option, String value) throws UsageException {
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the same message as a number that is not positive
        }
        throw new UsageException(option + " must be a positive whole number of seconds, got '" + value + "'");
    }

    private static long seed(String value) throws UsageException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be a whole number, got '" + value + "'");
        }
    }

    private static AssetUniverse universe(String file) throws UsageException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return AssetUniverse.parse(in);
        } catch (NoSuchFileException e) {
            throw new UsageException("--universe file not found: " + file);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("--universe " + file + " is not a valid asset CSV: " + e.getMessage());
        }
    }
}
