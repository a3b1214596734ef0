package io.pricewire.loadtest.baseline;

import io.micronaut.runtime.Micronaut;

/** Starts the baseline server: {@code java -jar baseline-all.jar}, port from {@code PORT} (8090). */
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
