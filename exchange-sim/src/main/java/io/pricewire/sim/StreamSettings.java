package io.pricewire.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * Keep-alive periods and per-connection limits of the simulated WebSocket streams. {@link #DEFAULT} holds
 * the documented values; tests shorten the periods (a 24 h disconnect is not something to wait for).
 *
 * @param binancePingInterval       how often Binance sends a ping frame (20 s)
 * @param binancePongTimeout        how long Binance waits for the pong echoing a ping before it disconnects (1 min)
 * @param binanceConnectionMaxAge   how long one Binance connection lives before the server closes it (24 h)
 * @param binanceMaxStreams         streams one Binance connection may hold (1,024)
 * @param binanceMessagesPerSecond  incoming messages (text, ping, pong) per second before Binance disconnects (5)
 * @param coinbaseSubscribeDeadline how soon a Coinbase client must subscribe before it is disconnected (5 s)
 * @param okxIdleTimeout            OKX drops a connection with no subscription, or nothing pushed, for this long (30 s)
 * @param okxRequestsPerHour        subscribe/unsubscribe requests one OKX connection may send per hour (480)
 * @param heartbeatInterval         Coinbase {@code heartbeat} and Kraken {@code heartbeat} period (1 s)
 */
public record StreamSettings(
        Duration binancePingInterval,
        Duration binancePongTimeout,
        Duration binanceConnectionMaxAge,
        int binanceMaxStreams,
        int binanceMessagesPerSecond,
        Duration coinbaseSubscribeDeadline,
        Duration okxIdleTimeout,
        int okxRequestsPerHour,
        Duration heartbeatInterval) {

    public static final StreamSettings DEFAULT = new StreamSettings(
            Duration.ofSeconds(20),
            Duration.ofMinutes(1),
            Duration.ofHours(24),
            1024,
            5,
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            480,
            Duration.ofSeconds(1));

    public StreamSettings {
        for (Duration d : new Duration[] {
            binancePingInterval,
            binancePongTimeout,
            binanceConnectionMaxAge,
            coinbaseSubscribeDeadline,
            okxIdleTimeout,
            heartbeatInterval
        }) {
            Objects.requireNonNull(d, "stream durations must not be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("stream durations must be > 0: " + d);
            }
        }
        if (binanceMaxStreams < 1 || binanceMessagesPerSecond < 1 || okxRequestsPerHour < 1) {
            throw new IllegalArgumentException("stream limits must be >= 1");
        }
    }

    public StreamSettings withBinancePing(Duration interval, Duration pongTimeout) {
        return new StreamSettings(
                interval,
                pongTimeout,
                binanceConnectionMaxAge,
                binanceMaxStreams,
                binanceMessagesPerSecond,
                coinbaseSubscribeDeadline,
                okxIdleTimeout,
                okxRequestsPerHour,
                heartbeatInterval);
    }

    /** The Binance 24 h disconnect, shortened for tests (or the {@code --binance-connection-max-age} option). */
    public StreamSettings withBinanceConnectionMaxAge(Duration maxAge) {
        return new StreamSettings(
                binancePingInterval,
                binancePongTimeout,
                maxAge,
                binanceMaxStreams,
                binanceMessagesPerSecond,
                coinbaseSubscribeDeadline,
                okxIdleTimeout,
                okxRequestsPerHour,
                heartbeatInterval);
    }

    public StreamSettings withBinanceLimits(int maxStreams, int messagesPerSecond) {
        return new StreamSettings(
                binancePingInterval,
                binancePongTimeout,
                binanceConnectionMaxAge,
                maxStreams,
                messagesPerSecond,
                coinbaseSubscribeDeadline,
                okxIdleTimeout,
                okxRequestsPerHour,
                heartbeatInterval);
    }

    public StreamSettings withCoinbaseSubscribeDeadline(Duration deadline) {
        return new StreamSettings(
                binancePingInterval,
                binancePongTimeout,
                binanceConnectionMaxAge,
                binanceMaxStreams,
                binanceMessagesPerSecond,
                deadline,
                okxIdleTimeout,
                okxRequestsPerHour,
                heartbeatInterval);
    }

    public StreamSettings withOkx(Duration idleTimeout, int requestsPerHour) {
        return new StreamSettings(
                binancePingInterval,
                binancePongTimeout,
                binanceConnectionMaxAge,
                binanceMaxStreams,
                binanceMessagesPerSecond,
                coinbaseSubscribeDeadline,
                idleTimeout,
                requestsPerHour,
                heartbeatInterval);
    }

    public StreamSettings withHeartbeatInterval(Duration interval) {
        return new StreamSettings(
                binancePingInterval,
                binancePongTimeout,
                binanceConnectionMaxAge,
                binanceMaxStreams,
                binanceMessagesPerSecond,
                coinbaseSubscribeDeadline,
                okxIdleTimeout,
                okxRequestsPerHour,
                interval);
    }
}
