package io.pricewire.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process started for tests. It runs under a small bash watchdog that kills it when
 * this JVM disappears, so a crashed or killed test run leaves nothing behind.
 */
final class ChildProcess {
    private static final String WATCHDOG = """
            "$@" & child=$!
            trap 'kill $child 2>/dev/null; wait $child 2>/dev/null; exit 0' TERM INT
            while kill -0 "$WATCH_PID" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.5; done
            if kill -0 "$WATCH_PID" 2>/dev/null; then
              wait $child; echo "[watchdog] $1 exited by itself with status $? at $(date -u +%H:%M:%S.%N)"
            fi
            kill $child 2>/dev/null; wait $child 2>/dev/null
            """;

    private final Process process;

    private ChildProcess(Process process) {
        this.process = process;
    }

    static ChildProcess start(List<String> command, Path workDir, Path logFile) {
        List<String> full = new ArrayList<>(List.of("bash", "-c", WATCHDOG, "watchdog"));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment()
                .put("WATCH_PID", Long.toString(ProcessHandle.current().pid()));
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        builder.redirectOutput(
                logFile == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            return new ChildProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where a shared test server writes its output: {@code target/test-servers/<name>.log} of the module whose tests
     * run (the JVM's working directory), so a server that dies in the middle of a build leaves its last words behind;
     * {@code null} (discarded) outside a Maven module.
     */
    static Path logFile(String name) {
        Path target = Path.of("target");
        if (!Files.isDirectory(target)) {
            return null;
        }
        try {
            return Files.createDirectories(target.resolve("test-servers")).resolve(name + ".log");
        } catch (IOException e) {
            return null;
        }
    }

    Process process() {
        return process;
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }
}
