package io.pricewire.service.ratelimit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricewire.service.config.RateLimitProperties;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rate limiter's memory with many distinct clients: a benchmark, not a test (run it with
 * {@code loadtest/limiter-memory}). Takes {@code clients} distinct addresses through a limiter
 * bounded at {@code max-clients}, then prints the retained heap per tracked client (heap after
 * full GCs, with and without the limiter), the number tracked, and, as the baseline, the heap per
 * entry of a plain {@code ConcurrentHashMap<String, double[]>} (what a hand-made limiter keeps:
 * key, tokens and time) with {@code max-clients} entries, keyed alike.
 *
 * <p>The limiter's clock stands still during the run so no bucket expires: the figure is for a
 * full map.
 *
 * <p>usage: {@code LimiterMemoryBench [clients (1000000)] [max-clients (100000, as deployed)]}
 */
public final class LimiterMemoryBench {
    private LimiterMemoryBench() {}

    public static void main(String[] args) throws InterruptedException {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int maxClients = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        RateLimitProperties props =
                new RateLimitProperties(true, 200, 400, 0, maxClients, 10, 1, Duration.ofSeconds(1));

        // the baseline first: a dropped Caffeine cache takes a few full collections to leave the heap, a plain map one
        Figure plain = plainMap(props, maxClients);
        Figure limiter = limiter(props, clients);

        double perClient = limiter.perEntry();
        double perPlain = plain.perEntry();
        System.out.printf(Locale.ROOT, "distinct clients taken:        %,d%n", clients);
        System.out.printf(Locale.ROOT, "max-clients:                   %,d%n", maxClients);
        System.out.printf(Locale.ROOT, "tracked after the run:         %,d%n", limiter.entries());
        System.out.printf(
                Locale.ROOT,
                "limiter heap:                  %,.1f MiB, %,.0f bytes per tracked client%n",
                limiter.bytes() / 1048576.0,
                perClient);
        System.out.printf(
                Locale.ROOT,
                "baseline ConcurrentHashMap<String,double[]> of %,d: %,.1f MiB, %,.0f bytes per entry%n",
                plain.entries(),
                plain.bytes() / 1048576.0,
                perPlain);
        System.out.printf(Locale.ROOT, "ratio:                         %.2fx%n", perClient / perPlain);
    }

    /** Each structure is built and measured in its own frame, so it is garbage once the figure is taken. */
    private static Figure limiter(RateLimitProperties props, int clients) throws InterruptedException {
        long before = heapAfterGc();
        ClientRateLimiter limiter = new ClientRateLimiter(props, new SimpleMeterRegistry(), () -> 0L);
        for (int i = 0; i < clients; i++) {
            limiter.take(ClientRateLimiterTest.address(i));
        }
        long tracked = limiter.trackedClients();
        long after = heapAfterGc();
        Reference.reachabilityFence(limiter);
        return new Figure(after - before, tracked);
    }

    private static Figure plainMap(RateLimitProperties props, int entries) throws InterruptedException {
        long before = heapAfterGc();
        Map<String, double[]> plain = new ConcurrentHashMap<>();
        for (int i = 0; i < entries; i++) {
            plain.put(ClientRateLimiterTest.address(i), new double[] {props.burst(), System.nanoTime()});
        }
        long after = heapAfterGc();
        Reference.reachabilityFence(plain);
        return new Figure(after - before, plain.size());
    }

    private record Figure(long bytes, long entries) {
        double perEntry() {
            return (double) bytes / entries;
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        // full collections until three readings agree: some garbage takes more than one to go
        long used = Long.MAX_VALUE;
        int stable = 0;
        for (int i = 0; i < 20 && stable < 2; i++) {
            System.gc();
            Thread.sleep(100);
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            stable = Math.abs(now - used) < 64 * 1024 ? stable + 1 : 0;
            used = now;
        }
        return used;
    }
}
