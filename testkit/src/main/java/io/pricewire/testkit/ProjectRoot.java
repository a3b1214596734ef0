package io.pricewire.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (the folder holding {@code local/package.json}). */
public final class ProjectRoot {
    private ProjectRoot() {}

    public static Path find() {
        String configured = System.getProperty("pricewire.root");
        if (configured != null && Files.isRegularFile(Path.of(configured, "local", "package.json"))) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("local").resolve("package.json"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the Pricewire checkout (no local/package.json above "
                + Path.of("").toAbsolutePath() + ")");
    }
}
