package io.pricewire.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The npm packages a test needs (dynalite, the stream conformance harness's ccxt), installed from
 * the folder's lock file with {@code npm ci} on first use, so {@code mvn verify} needs no set-up
 * step beyond Node.js itself.
 */
public final class NpmPackages {
    private NpmPackages() {}

    /**
     * Returns {@code folder/node_modules/<marker>}, running {@code npm ci} in {@code folder} first when it
     * is missing; {@code what} names the packages in errors.
     */
    public static synchronized Path ensureInstalled(Path folder, String marker, String what) {
        if (!ChildProcess.onPath("node") || !ChildProcess.onPath("npm")) {
            throw new IllegalStateException("Node.js 20+ with npm is required for " + what
                    + ": install it, e.g. `apt-get install nodejs npm`.");
        }
        Path installed = folder.resolve("node_modules").resolve(marker);
        if (Files.exists(installed)) {
            return installed;
        }
        try {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("`npm ci` in " + folder + " failed; run it by hand to see why");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing " + what, e);
        }
        if (!Files.exists(installed)) {
            throw new IllegalStateException("`npm ci` in " + folder + " did not install " + installed);
        }
        return installed;
    }
}
