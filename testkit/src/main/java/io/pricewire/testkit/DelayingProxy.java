package io.pricewire.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder for slow-dependency tests: put it between a client and a server (e.g.
 * the service and dynalite) and make the server look slow or hung without touching either.
 *
 * <ul>
 *   <li>{@link #delayResponses(Duration)}: every chunk the server sends back waits that long first
 *       (one chunk is one read; a small HTTP response is one chunk, so this is a delay per response);</li>
 *   <li>{@link #pause()} / {@link #resume()}: nothing is forwarded in either direction while paused
 *       — connections stay open, like a hung peer;</li>
 *   <li>{@link #stop()} / {@link #start()}: refuse connections (and cut open ones) like a dead peer,
 *       on the same port.</li>
 * </ul>
 */
public final class DelayingProxy implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;
    private final int port;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object pauseLock = new Object();
    private volatile Duration responseDelay = Duration.ZERO;
    private volatile boolean paused;
    private ServerSocket listener;

    private DelayingProxy(int port, InetSocketAddress target) {
        this.port = port;
        this.target = target;
    }

    /** A started proxy on a free loopback port forwarding to {@code targetHost:targetPort}. */
    public static DelayingProxy startOnFreePort(String targetHost, int targetPort) {
        DelayingProxy proxy = new DelayingProxy(FreePort.find(), new InetSocketAddress(targetHost, targetPort));
        proxy.start();
        return proxy;
    }

    /** A started proxy in front of {@code http://host:port} (e.g. dynalite's endpoint). */
    public static DelayingProxy startOnFreePort(URI target) {
        return startOnFreePort(target.getHost(), target.getPort());
    }

    public synchronized void start() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on " + port, e);
        }
        ServerSocket accepting = listener;
        Thread.ofVirtual().name("delaying-proxy-accept-" + port).start(() -> accept(accepting));
    }

    /** Closes the listener and every forwarded connection. */
    public synchronized void stop() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
        open.forEach(DelayingProxy::closeQuietly);
        open.clear();
    }

    /** Every chunk from the server waits {@code delay} before it is passed on; {@link Duration#ZERO} for none. */
    public void delayResponses(Duration delay) {
        this.responseDelay = delay;
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port}: the endpoint to give the client. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        resume();
        stop();
    }

    private void accept(ServerSocket accepting) {
        while (!accepting.isClosed()) {
            Socket client;
            try {
                client = accepting.accept();
            } catch (IOException closed) {
                return;
            }
            Socket server = new Socket();
            try {
                server.connect(target, 5_000);
            } catch (IOException unreachable) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            open.add(client);
            open.add(server);
            Thread.ofVirtual().name("delaying-proxy-up").start(() -> pump(client, server, false));
            Thread.ofVirtual().name("delaying-proxy-down").start(() -> pump(server, client, true));
        }
    }

    private void pump(Socket from, Socket to, boolean response) {
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                awaitResumed();
                Duration delay = responseDelay;
                if (response && !delay.isZero()) {
                    Thread.sleep(delay.toMillis());
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (SocketException | InterruptedException closed) {
            // one side went away (or the proxy stopped): close the other below
        } catch (IOException e) {
            // same: a broken connection ends its pair
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private void awaitResumed() throws InterruptedException {
        synchronized (pauseLock) {
            while (paused) {
                pauseLock.wait();
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on the way out: nothing left to do with the error
        }
    }
}
