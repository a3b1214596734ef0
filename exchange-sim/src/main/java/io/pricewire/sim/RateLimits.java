package io.pricewire.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * The public rate limits the simulated exchanges enforce per client IP. {@link #DEFAULT} holds the
 * documented values; tests shrink them to reach a limit in a few requests.
 *
 * @param binanceWeightPerMinute request weight allowed per rolling minute (Binance: 6,000)
 * @param binanceBan             how long a client that keeps calling after a 429 is banned with 418
 * @param coinbasePerSecond      token refill rate (Coinbase: 10 requests/s)
 * @param coinbaseBurst          token bucket size (Coinbase: bursts to 15)
 * @param krakenMaxCounter       Kraken's call counter ceiling (15); each call adds 1
 * @param krakenDecayPerSecond   how fast the Kraken counter drains (about 1 per second)
 * @param okxRequests            requests allowed per OKX window (20)
 * @param okxWindow              the OKX window (2 s)
 */
public record RateLimits(
        int binanceWeightPerMinute,
        Duration binanceBan,
        double coinbasePerSecond,
        int coinbaseBurst,
        int krakenMaxCounter,
        double krakenDecayPerSecond,
        int okxRequests,
        Duration okxWindow) {

    public static final RateLimits DEFAULT =
            new RateLimits(6_000, Duration.ofSeconds(120), 10, 15, 15, 1.0, 20, Duration.ofSeconds(2));

    public RateLimits {
        Objects.requireNonNull(binanceBan, "binanceBan");
        Objects.requireNonNull(okxWindow, "okxWindow");
        if (binanceWeightPerMinute < 1 || coinbaseBurst < 1 || krakenMaxCounter < 1 || okxRequests < 1) {
            throw new IllegalArgumentException("rate limit sizes must be >= 1");
        }
        if (!(coinbasePerSecond > 0) || !(krakenDecayPerSecond > 0)) {
            throw new IllegalArgumentException("refill rates must be > 0");
        }
        if (binanceBan.isNegative() || okxWindow.isNegative() || okxWindow.isZero()) {
            throw new IllegalArgumentException("binanceBan must be >= 0 and okxWindow > 0");
        }
    }

    /**
     * These limits raised {@code factor} times: every allowance and refill rate multiplied, windows and the ban kept.
     * A test rig pairs it with the service's {@code pricewire.exchanges.rate-limit-scale} of the same factor, so both
     * sides keep the real ratios while a warm-up runs faster.
     */
    public RateLimits times(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be >= 1: " + factor);
        }
        return new RateLimits(
                binanceWeightPerMinute * factor,
                binanceBan,
                coinbasePerSecond * factor,
                coinbaseBurst * factor,
                krakenMaxCounter * factor,
                krakenDecayPerSecond * factor,
                okxRequests * factor,
                okxWindow);
    }

    /** These limits with Binance's weight per minute and ban changed (the two limits a Binance test reaches). */
    public RateLimits withBinance(int weightPerMinute, Duration ban) {
        return new RateLimits(
                weightPerMinute,
                ban,
                coinbasePerSecond,
                coinbaseBurst,
                krakenMaxCounter,
                krakenDecayPerSecond,
                okxRequests,
                okxWindow);
    }
}
