package io.pricewire.sim.exchange;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.pricewire.sim.FaultMode;
import io.pricewire.sim.StreamSettings;
import io.pricewire.sim.market.PriceView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One open WebSocket connection as a stream dialect sees it: sending under the active fault, timers that
 * die with the connection, and closing. Used only from the connection's event loop.
 *
 * <p>Faults: {@code silent} swallows data (tickers, snapshots, heartbeats) but not answers (acks, errors,
 * pongs); {@code garbage} cuts every JSON message in half.
 */
public final class WsSession {
    private final Channel channel;
    private final StreamHub hub;
    private final Supplier<FaultMode> fault;
    private final Supplier<PriceView> view;
    private final Clock clock;
    private final StreamSettings settings;
    private final String id;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private StreamConnection connection;
    private long lastSentNanos = System.nanoTime();

    WsSession(
            Channel channel,
            StreamHub hub,
            Supplier<FaultMode> fault,
            Supplier<PriceView> view,
            Clock clock,
            StreamSettings settings,
            String id) {
        this.channel = channel;
        this.hub = hub;
        this.fault = fault;
        this.view = view;
        this.clock = clock;
        this.settings = settings;
        this.id = id;
    }

    /** Eight hex digits naming the connection (OKX {@code connId}, Kraken {@code connection_id}). */
    public String id() {
        return id;
    }

    /** The prices now, through the active fault: what a snapshot sent on subscribe quotes. */
    public PriceView view() {
        return view.get();
    }

    public Clock clock() {
        return clock;
    }

    public StreamSettings settings() {
        return settings;
    }

    /** Ticker events, snapshots and heartbeats: not sent under {@code silent}. */
    public void sendData(String json) {
        if (fault.get() != FaultMode.SILENT) {
            write(json, true);
        }
    }

    /** Answers to the client (acks, errors, pongs): sent under every fault but {@code down}. */
    public void sendControl(String json) {
        write(json, true);
    }

    /** A text sent verbatim whatever the fault (OKX's {@code pong}, which is not JSON). */
    public void sendPlain(String text) {
        write(text, false);
    }

    public void ping(String payload) {
        channel.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)));
    }

    /** Nanos (System.nanoTime) of the last message sent: OKX drops a connection that pushed nothing for 30 s. */
    public long lastSentNanos() {
        return lastSentNanos;
    }

    /** Ends the connection with a close frame, as an exchange closing a connection on purpose does. */
    public void close(int code, String reason) {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Drops the TCP connection without a close frame. */
    public void drop() {
        channel.close();
    }

    /** Runs {@code task} once after {@code delay} on the connection's event loop, unless it closes first. */
    public void after(Duration delay, Runnable task) {
        timers.add(channel.eventLoop().schedule(() -> run(task), delay.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** Runs {@code task} every {@code period} (first after one period) until the connection closes. */
    public void every(Duration period, Runnable task) {
        long nanos = period.toNanos();
        timers.add(channel.eventLoop().scheduleAtFixedRate(() -> run(task), nanos, nanos, TimeUnit.NANOSECONDS));
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    void attach(StreamConnection opened) {
        this.connection = opened;
        channel.flush();
    }

    void text(String text) {
        connection.onFrame();
        if (channel.isActive()) {
            connection.onText(text);
            channel.flush();
        }
    }

    void pong(String payload) {
        connection.onFrame();
        connection.onPong(payload);
    }

    void frame() {
        connection.onFrame();
    }

    /** Publishes one tick; a client that cannot keep up skips ticks instead of queueing them without end. */
    void tick(Tick tick) {
        if (connection != null && channel.isActive() && channel.isWritable()) {
            connection.onTick(tick);
            channel.flush();
        }
    }

    void closed() {
        timers.forEach(t -> t.cancel(false));
        timers.clear();
    }

    private void run(Runnable task) {
        if (channel.isActive()) {
            task.run();
            channel.flush();
        }
    }

    private void write(String text, boolean json) {
        if (!channel.isActive()) {
            return;
        }
        String out =
                json && fault.get() == FaultMode.GARBAGE ? text.substring(0, Math.max(1, text.length() / 2)) : text;
        channel.write(new TextWebSocketFrame(out));
        lastSentNanos = System.nanoTime();
        hub.sent();
    }
}
