package io.pricewire.service.monitoring;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs promtool (from Debian's {@code prometheus} package) in the repository root, each call
 * bounded by a timeout. A missing promtool fails the test that needs it; it never skips it.
 */
final class Promtool {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path executable;
    private final Path workDir;

    private Promtool(Path executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    /** The promtool on the PATH, run in {@code workDir}. */
    static Promtool onPath(Path workDir) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir, "promtool");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return new Promtool(candidate, workDir);
                }
            }
        }
        return fail(
                "promtool is not on the PATH (" + path + "): install Debian's prometheus package "
                        + "(apt-get install prometheus), which provides /usr/bin/promtool, to check the monitoring configuration.");
    }

    Result run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        try {
            Path output = Files.createTempFile("promtool", ".out");
            try {
                Process process = new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    return fail("`" + String.join(" ", command) + "` did not finish within " + TIMEOUT.toSeconds()
                            + " s; its output so far:\n" + Files.readString(output, StandardCharsets.UTF_8));
                }
                return new Result(command, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    Result run(String... args) {
        return run(List.of(args));
    }

    /** What one promtool call answered. */
    record Result(List<String> command, int exitCode, String output) {
        String describe() {
            return "`" + String.join(" ", command) + "` exited with " + exitCode + ":\n" + output;
        }
    }
}
