package io.pricewire.testkit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * dynalite (the DynamoDB API in memory, pinned in {@code local/package.json}) on a free loopback
 * port. Installs it with {@code npm ci} on first use. In memory by default (a stop loses every
 * table); with a data folder its tables survive a restart, like the real service's would.
 */
public final class Dynalite implements AutoCloseable {
    private final Path root;
    private final int port;
    private final Path dataDir;
    private ChildProcess process;

    private Dynalite(Path root, int port, Path dataDir) {
        this.root = root;
        this.port = port;
        this.dataDir = dataDir;
    }

    public static Dynalite startOnFreePort() {
        Dynalite d = new Dynalite(ProjectRoot.find(), FreePort.find(), null);
        d.start();
        return d;
    }

    /** A dynalite on a free port, not started yet: for tests of a client that starts before its DynamoDB. */
    public static Dynalite onFreePort() {
        return new Dynalite(ProjectRoot.find(), FreePort.find(), null);
    }

    /** A dynalite that keeps its tables in {@code dataDir}, so they survive {@link #stop()} and {@link #start()}. */
    public static Dynalite startOnFreePort(Path dataDir) {
        Dynalite d = new Dynalite(ProjectRoot.find(), FreePort.find(), dataDir);
        d.start();
        return d;
    }

    public synchronized void start() {
        if (process != null && process.process().isAlive()) {
            return;
        }
        ensureInstalled(root);
        List<String> command = new ArrayList<>(List.of(
                // node with dynalite-guard.cjs preloaded: dynalite alone dies when a client closes its connection
                // mid-request, the guard keeps it serving
                root.resolve("local/lib/dynalite").toString(),
                "--port",
                Integer.toString(port),
                "--host",
                "127.0.0.1",
                "--createTableMs",
                "0",
                "--deleteTableMs",
                "0",
                "--updateTableMs",
                "0"));
        if (dataDir != null) {
            command.addAll(List.of("--path", dataDir.toString()));
        }
        process = ChildProcess.start(command, root, ChildProcess.logFile("dynalite-" + port));
        FreePort.awaitListening(port, Duration.ofSeconds(30), process.process());
    }

    public synchronized void stop() {
        if (process != null) {
            process.stop();
            process = null;
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.process().isAlive();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        stop();
    }

    /** Returns dynalite's CLI script, running {@code npm ci} in {@code local/} when it is missing. */
    static Path ensureInstalled(Path root) {
        return NpmPackages.ensureInstalled(
                root.resolve("local"), "dynalite/cli.js", "the DynamoDB stand-in (dynalite)");
    }
}
