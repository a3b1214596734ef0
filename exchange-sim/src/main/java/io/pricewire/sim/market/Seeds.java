package io.pricewire.sim.market;

import java.nio.charset.StandardCharsets;

/** Deterministic seed derivation, so every random stream in the sim is reproducible from one seed. */
final class Seeds {
    private Seeds() {}

    /** Mixes parts into one well-spread 64-bit seed (SplitMix64 finaliser over a running combination). */
    static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = finalise(h ^ finalise(p + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    /** A stable 64-bit hash of a string (FNV-1a), independent of JVM and run. */
    static long of(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
