import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor of {@code loadtest/stream-bench}: the least a server on this machine must do to deliver the bench's price
 * bursts, measured by the same generator in the same run. It speaks just enough of {@code GET /v1/stream} for
 * {@code StreamBench.java} (the head, {@code retry}, {@code event: subscribed}, a snapshot, then
 * {@code event: price} with {@code id: SYMBOL:millis}) and does nothing else: no Redis, no JSON rendering, no
 * conflation, no metrics. Every {@code --interval} every symbol gets a new price at once, as exchange-sim moves every
 * asset on one tick; each of {@code --threads} selector threads (the service's two Netty event loops) then writes
 * every stream it owns one HTTP chunk with all of that stream's new events, framed in advance, in one {@code write}
 * from a reused direct buffer: the service's push path (one write per stream per burst) without the service.
 *
 * <p>What the generator reads as delay here is the time from the tick (the events' timestamp) to its read: the socket
 * writes, the loopback and the generator's own reads on the same two cores. Whatever the service's fan-out delay is
 * above this, the service spends; this much, no server on this machine can avoid with the generator beside it.
 *
 * <p>{@code java loadtest/SseFloor.java --port P --symbols BTC,ETH,… [--interval-ms 500] [--threads 2]
 * [--event-bytes 520]}: prints {@code SSEFLOOR listening PORT} when it accepts, serves until killed.
 */
public final class SseFloor {
    private static final byte[] HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                    + "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NOT_FOUND =
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final List<String> symbols;
    private final Map<String, Integer> index = new HashMap<>();
    private final int eventBytes;
    /** The newest event of each symbol, framed ({@code event: price\nid: …\ndata: …\n\n}), replaced on each tick. */
    private volatile byte[][] events;

    private SseFloor(List<String> symbols, int eventBytes) {
        this.symbols = symbols;
        this.eventBytes = eventBytes;
        for (int i = 0; i < symbols.size(); i++) {
            index.put(symbols.get(i), i);
        }
        this.events = render(System.currentTimeMillis());
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        if (!a.containsKey("--port") || !a.containsKey("--symbols")) {
            System.err.println("usage: java loadtest/SseFloor.java --port P --symbols A,B,… [--interval-ms 500]"
                    + " [--threads 2] [--event-bytes 520]");
            System.exit(2);
        }
        int port = Integer.parseInt(a.get("--port"));
        long intervalMs = Long.parseLong(a.getOrDefault("--interval-ms", "500"));
        int threads = Integer.parseInt(a.getOrDefault("--threads", "2"));
        int eventBytes = Integer.parseInt(a.getOrDefault("--event-bytes", "520"));
        new SseFloor(List.of(a.get("--symbols").split(",")), eventBytes).serve(port, intervalMs, threads);
    }

    private void serve(int port, long intervalMs, int threads) throws Exception {
        Worker[] workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker();
            Thread.ofPlatform().name("floor-loop-" + t).start(workers[t]);
        }
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", port), 4096);
        Thread.ofPlatform().name("floor-tick").daemon().start(() -> tick(workers, intervalMs));
        System.out.println("SSEFLOOR listening " + port);
        System.out.flush();
        for (int next = 0; ; next = (next + 1) % threads) {
            SocketChannel ch = server.accept();
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            workers[next].accepted.add(ch);
            workers[next].selector.wakeup();
        }
    }

    /** Every interval, on the interval's edge: every symbol's new price at once, and each loop told to write. */
    private void tick(Worker[] workers, long intervalMs) {
        long next = (System.currentTimeMillis() / intervalMs + 1) * intervalMs;
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(Math.max(0, next - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                return;
            }
            events = render(System.currentTimeMillis());
            for (Worker w : workers) {
                w.ticks.incrementAndGet();
                w.selector.wakeup();
            }
            next += intervalMs;
        }
    }

    /** One framed event per symbol, its {@code data:} padded to about {@code eventBytes} like the service's JSON. */
    private byte[][] render(long millis) {
        byte[][] out = new byte[symbols.size()][];
        for (int i = 0; i < out.length; i++) {
            String s = symbols.get(i);
            StringBuilder data = new StringBuilder("{\"symbol\":\"")
                    .append(s)
                    .append("\",\"currency\":\"USD\",\"price\":\"")
                    .append(1000 + millis % 1000)
                    .append("\",\"timestamp\":")
                    .append(millis)
                    .append(",\"pad\":\"");
            while (data.length() < eventBytes - 40) {
                data.append('x');
            }
            data.append("\"}");
            out[i] = ("event: price\nid: " + s + ":" + millis + "\ndata: " + data + "\n\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    /** One stream: its request until the head is read, then its symbols' indexes; bytes a full socket left over. */
    private static final class Stream {
        final SocketChannel channel;
        final ByteBuffer request = ByteBuffer.allocate(2048);
        int[] symbols;
        ByteBuffer pending;

        Stream(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final class Worker implements Runnable {
        final Selector selector;
        final ConcurrentLinkedQueue<SocketChannel> accepted = new ConcurrentLinkedQueue<>();
        final AtomicLong ticks = new AtomicLong();
        private final List<Stream> streams = new ArrayList<>();
        private final ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024);
        private final ByteBuffer sink = ByteBuffer.allocate(256);
        private long written;

        Worker() throws IOException {
            selector = Selector.open();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    selector.select();
                    for (SocketChannel ch; (ch = accepted.poll()) != null; ) {
                        ch.register(selector, SelectionKey.OP_READ, new Stream(ch));
                    }
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        Stream s = (Stream) key.attachment();
                        try {
                            if (key.isValid() && key.isWritable()) {
                                flushPending(s, key);
                            }
                            if (key.isValid() && key.isReadable()) {
                                read(s, key);
                            }
                        } catch (IOException e) {
                            close(s, key);
                        }
                    }
                    long t = ticks.get();
                    if (t != written) {
                        written = t;
                        burst();
                    }
                }
            } catch (IOException e) {
                System.err.println("SSEFLOOR loop failed: " + e);
                System.exit(1);
            }
        }

        private void read(Stream s, SelectionKey key) throws IOException {
            if (s.symbols != null) {
                sink.clear(); // a streaming client sends nothing more: read only to notice it leaving
                if (s.channel.read(sink) < 0) {
                    close(s, key);
                }
                return;
            }
            if (s.channel.read(s.request) < 0) {
                close(s, key);
                return;
            }
            String head = new String(s.request.array(), 0, s.request.position(), StandardCharsets.ISO_8859_1);
            if (!head.contains("\r\n\r\n")) {
                return;
            }
            int q = head.indexOf("symbols=");
            if (!head.startsWith("GET /v1/stream?") || q < 0) {
                s.channel.write(ByteBuffer.wrap(NOT_FOUND));
                close(s, key);
                return;
            }
            String list = head.substring(q + 8, head.indexOf(' ', q));
            s.symbols = Arrays.stream(list.split(","))
                    .map(index::get)
                    .filter(i -> i != null)
                    .mapToInt(Integer::intValue)
                    .toArray();
            String names = Arrays.stream(s.symbols)
                    .mapToObj(i -> "\"" + symbols.get(i) + "\"")
                    .reduce((x, y) -> x + "," + y)
                    .orElse("");
            byte[] hello = ("retry: 500\n\nevent: subscribed\ndata: {\"symbols\":[" + names + "],\"unknown\":[]}\n\n")
                    .getBytes(StandardCharsets.US_ASCII);
            out.clear();
            out.put(HEAD);
            chunk(hello);
            frame(s, events);
            out.flip();
            write(s, key);
            streams.add(s);
        }

        /** One chunk per stream with all of its symbols' newest events: the service's write per stream per burst. */
        private void burst() {
            byte[][] now = events;
            for (Stream s : streams) {
                SelectionKey key = s.channel.keyFor(selector);
                if (key == null || !key.isValid()) {
                    continue;
                }
                if (s.pending != null) {
                    continue; // still behind: the service would conflate; here the stream just skips a tick
                }
                out.clear();
                frame(s, now);
                out.flip();
                try {
                    write(s, key);
                } catch (IOException e) {
                    close(s, key);
                }
            }
            streams.removeIf(s -> !s.channel.isOpen());
        }

        /** One HTTP chunk of the stream's symbols' events in {@code now}. */
        private void frame(Stream s, byte[][] now) {
            int size = 0;
            for (int i : s.symbols) {
                size += now[i].length;
            }
            out.put(Integer.toHexString(size).getBytes(StandardCharsets.US_ASCII)).put(CRLF);
            for (int i : s.symbols) {
                out.put(now[i]);
            }
            out.put(CRLF);
        }

        /** One HTTP chunk of {@code b}. */
        private void chunk(byte[] b) {
            out.put(Integer.toHexString(b.length).getBytes(StandardCharsets.US_ASCII)).put(CRLF).put(b).put(CRLF);
        }

        private void write(Stream s, SelectionKey key) throws IOException {
            s.channel.write(out);
            if (out.hasRemaining()) {
                s.pending = ByteBuffer.allocate(out.remaining()).put(out).flip();
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }

        private void flushPending(Stream s, SelectionKey key) throws IOException {
            if (s.pending == null) {
                key.interestOps(SelectionKey.OP_READ);
                return;
            }
            s.channel.write(s.pending);
            if (!s.pending.hasRemaining()) {
                s.pending = null;
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        private void close(Stream s, SelectionKey key) {
            key.cancel();
            try {
                s.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
