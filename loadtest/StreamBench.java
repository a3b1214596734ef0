import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for {@code GET /v1/stream} (Server-Sent Events): holds many streams on a few non-blocking selector
 * threads (no thread per connection, so 10,000 streams cost this side a few MB), de-chunks each HTTP/1.1 response,
 * and for every {@code event: price} reads {@code id: SYMBOL:millis} to record the delivery delay: this machine's
 * wall clock at the read minus the price's timestamp. Run with {@code java loadtest/StreamBench.java --help} (JDK 21+).
 *
 * <p>Progress goes to stderr as {@code STREAMBENCH <what>} lines (the driver, loadtest/stream-bench, waits on
 * {@code STREAMBENCH measuring} and {@code STREAMBENCH done}); the summary is one JSON document on stdout.
 */
public final class StreamBench {
    static final String USAGE = """
            usage: java loadtest/StreamBench.java [options]
              --url URL                   the service (http://127.0.0.1:8080)
              --metrics-url URL           where /prometheus answers (--url)
              --connections N             streams to hold (500)
              --symbols-per-connection K  symbols per stream, 1-100 (5)
              --tier-symbols hot|cold     draw the symbols from GET /v1/assets?tier=… (hot)
              --symbols A,B,…             draw them from this list instead
              --duration S                seconds measured once every stream is up and warmed; 0 = until stdin
                                          closes or reads "stop" (60)
              --warmup S                  seconds between the last stream up and the measurement (5)
              --ramp N                    new connections per second (1000)
              --ramp-timeout S            measure anyway when not every stream is up this long after the ramp (30)
              --threads N                 selector threads (2)
              --redis URI                 also subscribe to the Redis prices channel, to measure the fan-out
                                          delay (Redis publish → client) apart from the exchange → Redis step
              --api-key KEY               sent as X-Api-Key
            Connection i subscribes to symbols i*K … i*K+K-1 of the list (mod its length), so each symbol gets the
            same number of streams. A stream that ends (EOF, reset, server end) is counted and reopened after 500 ms.
            """;

    public static void main(String[] args) throws Exception {
        Options opts;
        try {
            opts = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("StreamBench: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        if (opts == null) {
            System.out.print(USAGE);
            return;
        }
        System.exit(new StreamBench(opts).run());
    }

    private final Options opts;
    private final Shared shared;

    private StreamBench(Options opts) {
        this.opts = opts;
        this.shared = new Shared(opts.connections);
    }

    private int run() throws Exception {
        List<String> symbols = opts.symbols != null ? opts.symbols : tierSymbols(opts.url, opts.tier);
        if (symbols.isEmpty()) {
            throw new IllegalStateException("no " + opts.tier + " symbols from " + opts.url + "/v1/assets");
        }
        if (symbols.size() < opts.perConnection) {
            throw new IllegalStateException(symbols.size() + " symbols, fewer than --symbols-per-connection");
        }
        SymbolTable table = new SymbolTable(symbols);
        progress("symbols " + symbols.size() + " (" + String.join(",", symbols.subList(0, Math.min(5, symbols.size())))
                + (symbols.size() > 5 ? ",…" : "") + ")");
        RedisTap tap = opts.redis == null ? null : RedisTap.start(opts.redis, table);

        URI base = URI.create(opts.url);
        InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort() < 0 ? 80 : base.getPort());
        String host = base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
        List<Loop> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < opts.threads; t++) {
            Loop loop = new Loop(t, opts, shared, table, tap, address, host);
            loops.add(loop);
            Thread thread = Thread.ofPlatform().name("stream-bench-" + t).start(loop);
            threads.add(thread);
        }

        long rampStart = System.nanoTime();
        long rampDeadline = rampStart + (long) ((opts.connections / (double) opts.ramp + opts.rampTimeout) * 1e9);
        long lastReport = 0;
        while (shared.streaming.get() < opts.connections && System.nanoTime() < rampDeadline) {
            Thread.sleep(100);
            if (System.nanoTime() - lastReport > 1_000_000_000L) {
                lastReport = System.nanoTime();
                progress("ramp streaming=" + shared.streaming.get() + "/" + opts.connections);
            }
        }
        double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
        int upAfterRamp = shared.streaming.get();
        progress("up " + upAfterRamp + "/" + opts.connections + " after " + fmt(rampSeconds) + " s; warm-up "
                + opts.warmup + " s");
        Thread.sleep(opts.warmup * 1000L);

        Scrape before = Scrape.of(opts.metricsUrl);
        long t0 = System.nanoTime();
        shared.window = true;
        progress("measuring");
        if (opts.duration > 0) {
            Thread.sleep(opts.duration * 1000L);
        } else {
            waitForStop();
        }
        shared.window = false;
        double windowSeconds = (System.nanoTime() - t0) / 1e9;
        int streamingAtEnd = shared.streaming.get();
        Scrape after = Scrape.of(opts.metricsUrl);
        progress("done");

        shared.stop = true;
        loops.forEach(Loop::wake);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        if (tap != null) {
            tap.close();
        }
        Totals totals = new Totals();
        loops.forEach(l -> totals.add(l.stats));
        System.out.println(Json.write(summary(symbols, rampSeconds, upAfterRamp, windowSeconds, streamingAtEnd, totals,
                tap != null, before, after)));
        return 0;
    }

    private Map<String, Object> summary(
            List<String> symbols,
            double rampSeconds,
            int upAfterRamp,
            double windowSeconds,
            int streamingAtEnd,
            Totals t,
            boolean fanout,
            Scrape before,
            Scrape after) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("url", opts.url);
        settings.put("connections", opts.connections);
        settings.put("symbols_per_connection", opts.perConnection);
        settings.put("symbols", opts.symbols != null ? "list" : opts.tier);
        settings.put("symbol_count", symbols.size());
        settings.put("streams_per_symbol", opts.connections * (double) opts.perConnection / symbols.size());
        settings.put("duration_s", opts.duration);
        settings.put("warmup_s", opts.warmup);
        settings.put("ramp_per_s", opts.ramp);
        settings.put("threads", opts.threads);
        out.put("settings", settings);
        out.put("ramp_s", rampSeconds);
        out.put("streaming_after_ramp", upAfterRamp);
        out.put("streaming_at_end", streamingAtEnd);
        out.put("subscribed", t.subscribed);
        out.put("unknown_symbols_streams", t.unknownSymbols);
        out.put("snapshot_complete", t.snapshotComplete);
        out.put("snapshot_ms", t.snapshot.summary());
        out.put("subscribe_ms", t.subscribe.summary());
        out.put("window_s", windowSeconds);
        out.put("events", t.windowEvents);
        out.put("events_per_s", t.windowEvents / windowSeconds);
        out.put("bytes_per_s", t.windowBytes / windowSeconds);
        out.put("heartbeats", t.windowHeartbeats);
        out.put("events_total", t.events);
        out.put("unexpected_ids", t.unexpectedIds);
        out.put("delay_ms", t.delay.summary());
        out.put("fanout_delay_ms", fanout ? t.fanout.summary() : null);
        out.put("fanout_read_before_tap", fanout ? t.fanoutBeforeTap : null);
        out.put("fanout_unmatched", fanout ? t.fanoutUnmatched : null);
        Map<String, Object> drops = new LinkedHashMap<>();
        drops.put("total", t.dropsTotal());
        drops.put("in_window", t.windowDrops);
        drops.put("by_reason", t.drops);
        drops.put("server_ended", t.serverEnded);
        out.put("dropped", drops);
        out.put("refused_by_status", t.refused);
        out.put("connect_errors", t.connectErrors);
        out.put("reconnects", t.reconnects);
        out.put("server", serverSide(before, after, windowSeconds));
        out.put("note", "delay_ms = this machine's clock when the event was read − the price's timestamp (its newest"
                + " exchange event): it includes the exchange → Redis publish step (server.publish_delay, up to the"
                + " 250 ms publish interval plus tens of ms) besides Redis → service → socket → client;"
                + " fanout_delay_ms (with --redis) starts when the price appeared on the Redis prices channel;"
                + " server.delivery_delay is the service's own histogram (heard on Redis → write to the socket) over"
                + " the window, from fixed buckets, so its quantiles are interpolated within a bucket."
                + " The first event of each symbol on each stream is its snapshot and is not counted as a delay.");
        return out;
    }

    private static Map<String, Object> serverSide(Scrape before, Scrape after, double seconds) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (before.error != null || after.error != null) {
            s.put("error", before.error != null ? before.error : after.error);
            return s;
        }
        s.put("delivery_delay", Scrape.histogram(before, after, "pricewire_sse_delivery_delay_seconds"));
        s.put("publish_delay", Scrape.histogram(before, after, "pricewire_stream_publish_delay_seconds"));
        double sent = after.sum("pricewire_sse_events_sent_total", null) - before.sum("pricewire_sse_events_sent_total", null);
        s.put("events_sent", sent);
        s.put("events_sent_per_s", sent / seconds);
        double writes = after.sum("pricewire_sse_writes_total", null) - before.sum("pricewire_sse_writes_total", null);
        s.put("writes", writes);
        s.put("events_per_write", writes > 0 ? sent / writes : null);
        s.put("events_conflated", after.sum("pricewire_sse_events_conflated_total", null)
                - before.sum("pricewire_sse_events_conflated_total", null));
        Map<String, Object> disconnects = new TreeMap<>();
        for (String reason : after.labelValues("pricewire_sse_disconnects_total", "reason")) {
            disconnects.put(reason, after.sum("pricewire_sse_disconnects_total", Map.of("reason", reason))
                    - before.sum("pricewire_sse_disconnects_total", Map.of("reason", reason)));
        }
        s.put("disconnects", disconnects);
        s.put("streams_open", after.sum("pricewire_sse_streams_open", null));
        return s;
    }

    private static void waitForStop() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.strip().equals("stop")) {
                return;
            }
        }
    }

    /** The symbols of one tier, in rank order, as the service tiers them now. */
    private static List<String> tierSymbols(String url, String tier) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(URI.create(url + "/v1/assets?tier=" + tier)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /v1/assets?tier=" + tier + " answered " + r.statusCode());
        }
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"symbol\":\"([A-Z0-9]+)\"").matcher(r.body());
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static void progress(String what) {
        System.err.println("STREAMBENCH " + what);
        System.err.flush();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    // ------------------------------------------------------------------------------------------ options

    /** The command line. */
    record Options(
            String url,
            String metricsUrl,
            int connections,
            int perConnection,
            String tier,
            List<String> symbols,
            int duration,
            int warmup,
            int ramp,
            int rampTimeout,
            int threads,
            String redis,
            String apiKey) {

        /** Null for --help; throws IllegalArgumentException for a wrong command line. */
        static Options parse(String[] args) {
            Map<String, String> a = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--help") || args[i].equals("-h")) {
                    return null;
                }
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unexpected " + args[i]);
                }
                a.put(args[i].substring(2), args[++i]);
            }
            List<String> known = List.of("url", "metrics-url", "connections", "symbols-per-connection", "tier-symbols",
                    "symbols", "duration", "warmup", "ramp", "ramp-timeout", "threads", "redis", "api-key");
            a.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
                throw new IllegalArgumentException("unknown option --" + k);
            });
            String url = a.getOrDefault("url", "http://127.0.0.1:8080").replaceAll("/+$", "");
            String tier = a.getOrDefault("tier-symbols", "hot");
            if (!tier.equals("hot") && !tier.equals("cold") && !tier.equals("medium")) {
                throw new IllegalArgumentException("--tier-symbols is hot, medium or cold");
            }
            List<String> symbols = a.containsKey("symbols") ? List.of(a.get("symbols").split(",")) : null;
            Options o = new Options(url, a.getOrDefault("metrics-url", url).replaceAll("/+$", ""),
                    num(a, "connections", 500), num(a, "symbols-per-connection", 5), tier, symbols,
                    num(a, "duration", 60), num(a, "warmup", 5), num(a, "ramp", 1000), num(a, "ramp-timeout", 30),
                    num(a, "threads", 2), a.get("redis"), a.get("api-key"));
            if (o.connections < 1 || o.perConnection < 1 || o.perConnection > 100 || o.ramp < 1 || o.threads < 1
                    || o.duration < 0 || o.warmup < 0) {
                throw new IllegalArgumentException("--connections, --ramp, --threads >= 1; --symbols-per-connection 1-100");
            }
            return o;
        }

        private static int num(Map<String, String> a, String key, int fallback) {
            try {
                return a.containsKey(key) ? Integer.parseInt(a.get(key)) : fallback;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + key + " takes a whole number");
            }
        }
    }

    /** What the selector threads and the main thread share. */
    static final class Shared {
        final int connections;
        final AtomicInteger streaming = new AtomicInteger();
        /** Delays and counts are recorded only while this is set: after the ramp and warm-up, until the end. */
        volatile boolean window;

        volatile boolean stop;

        Shared(int connections) {
            this.connections = connections;
        }
    }

    /** The symbols streams subscribe to, as strings for requests and bytes for matching {@code id:} lines. */
    static final class SymbolTable {
        final List<String> symbols;
        final byte[][] bytes;
        final Map<String, Integer> index = new HashMap<>();

        SymbolTable(List<String> symbols) {
            this.symbols = List.copyOf(symbols);
            this.bytes = new byte[symbols.size()][];
            for (int i = 0; i < symbols.size(); i++) {
                bytes[i] = symbols.get(i).getBytes(StandardCharsets.US_ASCII);
                index.put(symbols.get(i), i);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ histogram

    /** Milliseconds in 1-ms buckets up to 10 s (then one overflow bucket), exact max: enough for a p99.9. */
    static final class Histogram {
        private static final int LIMIT = 10_000;
        private final long[] counts = new long[LIMIT + 1];
        private long count;
        private long sum;
        private long max;
        private long negative;

        void record(long ms) {
            if (ms < 0) {
                negative++; // a price stamped after this clock read it: same machine, so only rounding; kept as 0
                ms = 0;
            }
            counts[(int) Math.min(ms, LIMIT)]++;
            count++;
            sum += ms;
            max = Math.max(max, ms);
        }

        void add(Histogram o) {
            for (int i = 0; i <= LIMIT; i++) {
                counts[i] += o.counts[i];
            }
            count += o.count;
            sum += o.sum;
            max = Math.max(max, o.max);
            negative += o.negative;
        }

        /** The smallest whole ms at or below which {@code pct} % of the values lie. */
        long percentile(double pct) {
            long rank = (long) Math.ceil(pct / 100 * count);
            long seen = 0;
            for (int i = 0; i <= LIMIT; i++) {
                seen += counts[i];
                if (seen >= rank && seen > 0) {
                    return i;
                }
            }
            return max;
        }

        Map<String, Object> summary() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("count", count);
            if (count > 0) {
                s.put("p50", percentile(50));
                s.put("p90", percentile(90));
                s.put("p99", percentile(99));
                s.put("p99.9", percentile(99.9));
                s.put("max", max);
                s.put("mean", sum / (double) count);
                s.put("share_le_100ms", shareAtMost(100));
            }
            if (negative > 0) {
                s.put("negative_as_0", negative);
            }
            return s;
        }

        double shareAtMost(int ms) {
            long n = 0;
            for (int i = 0; i <= ms; i++) {
                n += counts[i];
            }
            return n / (double) count;
        }
    }

    // ------------------------------------------------------------------------------------------ counters

    /** One selector thread's counters; read by the main thread only after the thread ended. */
    static class Stats {
        final Histogram delay = new Histogram();
        final Histogram fanout = new Histogram();
        final Histogram snapshot = new Histogram();
        final Histogram subscribe = new Histogram();
        long events;
        long windowEvents;
        long windowBytes;
        long windowHeartbeats;
        long windowDrops;
        long subscribed;
        long unknownSymbols;
        long snapshotComplete;
        long unexpectedIds;
        long fanoutUnmatched;
        long fanoutBeforeTap;
        long connectErrors;
        long reconnects;
        final Map<String, Long> drops = new TreeMap<>();
        final Map<String, Long> serverEnded = new TreeMap<>();
        final Map<String, Long> refused = new TreeMap<>();
    }

    /** Every thread's {@link Stats} added up. */
    static final class Totals extends Stats {
        void add(Stats s) {
            delay.add(s.delay);
            fanout.add(s.fanout);
            snapshot.add(s.snapshot);
            subscribe.add(s.subscribe);
            events += s.events;
            windowEvents += s.windowEvents;
            windowBytes += s.windowBytes;
            windowHeartbeats += s.windowHeartbeats;
            windowDrops += s.windowDrops;
            subscribed += s.subscribed;
            unknownSymbols += s.unknownSymbols;
            snapshotComplete += s.snapshotComplete;
            unexpectedIds += s.unexpectedIds;
            fanoutUnmatched += s.fanoutUnmatched;
            fanoutBeforeTap += s.fanoutBeforeTap;
            connectErrors += s.connectErrors;
            reconnects += s.reconnects;
            s.drops.forEach((k, v) -> drops.merge(k, v, Long::sum));
            s.serverEnded.forEach((k, v) -> serverEnded.merge(k, v, Long::sum));
            s.refused.forEach((k, v) -> refused.merge(k, v, Long::sum));
        }

        long dropsTotal() {
            return drops.values().stream().mapToLong(Long::longValue).sum()
                    + serverEnded.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    // ------------------------------------------------------------------------------------------ selector loop

    /** One selector thread: opens its share of the connections at its share of the ramp rate and reads them all. */
    static final class Loop implements Runnable {
        private static final long RETRY_NANOS = 500_000_000L; // the stream's retry hint

        final Stats stats = new Stats();
        private final int index;
        private final Options opts;
        private final Shared shared;
        private final SymbolTable table;
        private final RedisTap tap;
        private final InetSocketAddress address;
        private final String host;
        private final Selector selector;
        private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        private final ArrayDeque<Conn> retries = new ArrayDeque<>();
        private final List<Conn> conns = new ArrayList<>();
        private final Early early;
        private int opened;

        Loop(int index, Options opts, Shared shared, SymbolTable table, RedisTap tap, InetSocketAddress address,
                String host) throws IOException {
            this.index = index;
            this.opts = opts;
            this.shared = shared;
            this.table = table;
            this.tap = tap;
            this.address = address;
            this.host = host;
            this.selector = Selector.open();
            this.early = tap == null ? null : new Early(tap, stats);
        }

        void wake() {
            selector.wakeup();
        }

        @Override
        public void run() {
            int mine = (opts.connections - index + opts.threads - 1) / opts.threads;
            double perSecond = opts.ramp / (double) opts.threads;
            long start = System.nanoTime();
            try {
                while (!shared.stop) {
                    long now = System.nanoTime();
                    long due = Math.min(mine, (long) ((now - start) / 1e9 * perSecond) + 1);
                    while (opened < due) {
                        Conn c = new Conn(index + opened * opts.threads, opts.perConnection, table, request(index
                                + opened * opts.threads));
                        conns.add(c);
                        opened++;
                        open(c);
                    }
                    while (!retries.isEmpty() && retries.peek().retryAtNanos <= now) {
                        stats.reconnects++;
                        open(retries.poll());
                    }
                    selector.select(opened < mine || !retries.isEmpty() ? 5 : 100);
                    long millis = System.currentTimeMillis();
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        handle(key, (Conn) key.attachment(), millis);
                    }
                    if (early != null) {
                        early.resolve(millis, false);
                    }
                }
            } catch (IOException e) {
                progress("thread " + index + " failed: " + e);
            } finally {
                if (early != null) {
                    early.resolve(Long.MAX_VALUE, true);
                }
                for (Conn c : conns) {
                    closeQuietly(c);
                }
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // ending anyway
                }
            }
        }

        private byte[] request(int id) {
            StringBuilder list = new StringBuilder();
            for (int k = 0; k < opts.perConnection; k++) {
                list.append(k == 0 ? "" : ",").append(table.symbols.get(symbolOf(id, k)));
            }
            return ("GET /v1/stream?symbols=" + list + " HTTP/1.1\r\nHost: " + host
                    + "\r\nAccept: text/event-stream\r\nUser-Agent: pricewire-stream-bench\r\n"
                    + (opts.apiKey == null ? "" : "X-Api-Key: " + opts.apiKey + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        private int symbolOf(int id, int k) {
            return (int) (((long) id * opts.perConnection + k) % table.symbols.size());
        }

        private void open(Conn c) {
            c.reset();
            try {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.channel = ch;
                c.startNanos = System.nanoTime();
                if (ch.connect(address)) {
                    send(c, ch.register(selector, 0, c));
                } else {
                    ch.register(selector, SelectionKey.OP_CONNECT, c);
                }
            } catch (IOException e) {
                stats.connectErrors++;
                retry(c);
            }
        }

        private void handle(SelectionKey key, Conn c, long millis) {
            try {
                if (!key.isValid()) {
                    return;
                }
                if (key.isConnectable()) {
                    if (c.channel.finishConnect()) {
                        send(c, key);
                    }
                } else if (key.isWritable()) {
                    send(c, key);
                } else if (key.isReadable()) {
                    read(c, millis);
                }
            } catch (IOException | RuntimeException e) {
                ended(c, c.connected ? "reset" : null);
            }
        }

        private void send(Conn c, SelectionKey key) throws IOException {
            c.connected = true;
            c.channel.write(c.request);
            key.interestOps(c.request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        private void read(Conn c, long millis) throws IOException {
            buffer.clear();
            int n = c.channel.read(buffer);
            if (n < 0) {
                ended(c, "eof");
                return;
            }
            if (shared.window) {
                stats.windowBytes += n;
            }
            c.consume(buffer.array(), n, millis, this);
            if (c.refusedStatus != 0) {
                ended(c, null);
            }
        }

        /** Counts how {@code c} ended ({@code how} for a stream that was up: eof or reset) and reopens it. */
        void ended(Conn c, String how) {
            if (c.streaming) {
                shared.streaming.decrementAndGet();
                if (c.announced != null) {
                    stats.serverEnded.merge(c.announced, 1L, Long::sum);
                } else {
                    stats.drops.merge(how == null ? "eof" : how, 1L, Long::sum);
                }
                if (shared.window) {
                    stats.windowDrops++;
                }
            } else if (c.refusedStatus != 0) {
                stats.refused.merge(String.valueOf(c.refusedStatus), 1L, Long::sum);
            } else {
                stats.connectErrors++;
            }
            closeQuietly(c);
            retry(c);
        }

        private void retry(Conn c) {
            if (!shared.stop) {
                c.retryAtNanos = System.nanoTime() + RETRY_NANOS;
                retries.add(c);
            }
        }

        private static void closeQuietly(Conn c) {
            if (c.channel != null) {
                try {
                    c.channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                c.channel = null;
            }
        }

        // called by Conn as it parses

        void streamStarted(Conn c) {
            c.streaming = true;
            shared.streaming.incrementAndGet();
        }

        void subscribed(Conn c, boolean allKnown) {
            stats.subscribed++;
            stats.subscribe.record((System.nanoTime() - c.startNanos) / 1_000_000);
            if (!allKnown) {
                stats.unknownSymbols++;
            }
        }

        void heartbeat() {
            if (shared.window) {
                stats.windowHeartbeats++;
            }
        }

        void price(Conn c, int k, long priceMillis, long nowMillis) {
            stats.events++;
            if (k < 0) {
                stats.unexpectedIds++;
                return;
            }
            if (!c.seen[k]) {
                // the snapshot: the symbol's current price, as old as it is, not a delivery
                c.seen[k] = true;
                if (++c.seenCount == c.seen.length) {
                    stats.snapshotComplete++;
                    stats.snapshot.record((System.nanoTime() - c.startNanos) / 1_000_000);
                }
                return;
            }
            if (!shared.window) {
                return;
            }
            stats.windowEvents++;
            stats.delay.record(nowMillis - priceMillis);
            if (tap != null) {
                int symbol = symbolOf(c.id, k);
                long published = tap.seenAt(symbol, priceMillis);
                if (published < 0) {
                    early.add(symbol, priceMillis, nowMillis);
                } else {
                    stats.fanout.record(nowMillis - published);
                }
            }
        }
    }

    /**
     * Events read before the Redis tap saw their price. The instance that runs the exchanges' streams offers a price
     * to its own streams when Redis confirms the write, the moment Redis also publishes it: such an event can reach
     * the client first. Looked up again until the tap has it (then its fan-out delay counts as 0) or for 5 s.
     */
    static final class Early {
        private static final long GIVE_UP_MS = 5_000;
        private final RedisTap tap;
        private final Stats stats;
        private long[] entries = new long[3 * 1024]; // symbol, price millis, read millis
        private int size;

        Early(RedisTap tap, Stats stats) {
            this.tap = tap;
            this.stats = stats;
        }

        void add(int symbol, long priceMillis, long readMillis) {
            if (3 * size == entries.length) {
                entries = Arrays.copyOf(entries, entries.length * 2);
            }
            entries[3 * size] = symbol;
            entries[3 * size + 1] = priceMillis;
            entries[3 * size + 2] = readMillis;
            size++;
        }

        /** Settles what the tap has seen by now, and what waited longer than 5 s (or everything when final). */
        void resolve(long nowMillis, boolean last) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                long symbol = entries[3 * i];
                long priceMillis = entries[3 * i + 1];
                long read = entries[3 * i + 2];
                long published = tap.seenAt((int) symbol, priceMillis);
                if (published >= 0) {
                    stats.fanoutBeforeTap++;
                    stats.fanout.record(Math.max(0, read - published)); // read first: counted as 0
                } else if (last || nowMillis - read > GIVE_UP_MS) {
                    stats.fanoutUnmatched++;
                } else {
                    entries[3 * kept] = symbol;
                    entries[3 * kept + 1] = priceMillis;
                    entries[3 * kept + 2] = read;
                    kept++;
                }
            }
            size = kept;
        }
    }

    // ------------------------------------------------------------------------------------------ one connection

    /**
     * One stream: the response head, then HTTP/1.1 chunks, then Server-Sent Events line by line. Only the first
     * {@link #LINE} bytes of a line are kept: that is all of every line read here but {@code data:} of a price.
     */
    static final class Conn {
        private static final int LINE = 256;
        private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] NO_UNKNOWN = "\"unknown\":[]".getBytes(StandardCharsets.US_ASCII);

        private enum Event { NONE, PRICE, SUBSCRIBED, ERROR, RECONNECT, OTHER }

        private enum Chunk { SIZE, DATA, DATA_END }

        final int id;
        private final SymbolTable table;
        private final int[] symbols;
        private final ByteBuffer request;

        SocketChannel channel;
        long startNanos;
        long retryAtNanos;
        boolean connected;
        boolean streaming;
        int refusedStatus;
        /** Why the server said it ends the stream ({@code event: error}/{@code reconnect}), or null. */
        String announced;
        /** Which of this stream's symbols had their first event (the snapshot), and how many. */
        final boolean[] seen;
        int seenCount;

        /** The response head while it arrives; dropped once read (kept, 10,000 of them would hold 20 MB). */
        private byte[] head;
        private int headLen;
        private boolean inBody;
        private boolean chunked;
        private Chunk chunk;
        private long chunkLeft;
        private boolean chunkExtension;
        private final byte[] line = new byte[LINE];
        private int lineLen;
        private Event event;

        Conn(int id, int perConnection, SymbolTable table, byte[] request) {
            this.id = id;
            this.seen = new boolean[perConnection];
            this.table = table;
            this.request = ByteBuffer.wrap(request);
            this.symbols = new int[perConnection];
            for (int k = 0; k < perConnection; k++) {
                symbols[k] = (int) (((long) id * perConnection + k) % table.symbols.size());
            }
        }

        void reset() {
            request.rewind();
            connected = streaming = inBody = chunked = chunkExtension = false;
            refusedStatus = headLen = lineLen = seenCount = 0;
            Arrays.fill(seen, false);
            announced = null;
            head = null;
            chunk = Chunk.SIZE;
            chunkLeft = 0;
            event = Event.NONE;
        }

        void consume(byte[] b, int n, long now, Loop loop) {
            int i = 0;
            if (!inBody) {
                i = readHead(b, n, loop);
                if (!inBody) {
                    return;
                }
            }
            while (i < n) {
                if (!chunked) {
                    sse(b, i, n, now, loop);
                    return;
                }
                switch (chunk) {
                    case SIZE -> {
                        byte c = b[i++];
                        if (c == '\n') {
                            if (chunkLeft == 0) {
                                return; // the last chunk: the server ended the stream and closes the connection
                            }
                            chunk = Chunk.DATA;
                        } else if (c == ';') {
                            chunkExtension = true;
                        } else if (!chunkExtension && hex(c) >= 0) {
                            chunkLeft = chunkLeft * 16 + hex(c);
                        }
                    }
                    case DATA -> {
                        int take = (int) Math.min(chunkLeft, n - i);
                        sse(b, i, i + take, now, loop);
                        i += take;
                        chunkLeft -= take;
                        if (chunkLeft == 0) {
                            chunk = Chunk.DATA_END;
                        }
                    }
                    case DATA_END -> {
                        if (b[i++] == '\n') {
                            chunk = Chunk.SIZE;
                            chunkExtension = false;
                        }
                    }
                }
            }
        }

        /** Takes head bytes; returns where the body starts in {@code b} once the head is complete. */
        private int readHead(byte[] b, int n, Loop loop) {
            if (head == null) {
                head = new byte[2048];
            }
            for (int i = 0; i < n; i++) {
                if (headLen < head.length) {
                    head[headLen++] = b[i];
                }
                if (headLen >= 4 && head[headLen - 1] == '\n' && head[headLen - 2] == '\r'
                        && head[headLen - 3] == '\n' && head[headLen - 4] == '\r') {
                    String text = new String(head, 0, headLen, StandardCharsets.ISO_8859_1);
                    head = null;
                    int status = status(text);
                    if (status != 200) {
                        refusedStatus = status == 0 ? -1 : status;
                        return n;
                    }
                    chunked = text.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked");
                    inBody = true;
                    loop.streamStarted(this);
                    return i + 1;
                }
            }
            return n;
        }

        /** The status of {@code HTTP/1.1 200 OK}, or 0 when the line is not one. */
        private static int status(String head) {
            try {
                return head.startsWith("HTTP/1.") && head.length() > 12 ? Integer.parseInt(head.substring(9, 12)) : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private void sse(byte[] b, int from, int to, long now, Loop loop) {
            for (int i = from; i < to; i++) {
                byte c = b[i];
                if (c == '\n') {
                    line(now, loop);
                    lineLen = 0;
                } else if (lineLen < LINE) {
                    line[lineLen++] = c;
                }
            }
        }

        private void line(long now, Loop loop) {
            int len = lineLen > 0 && line[lineLen - 1] == '\r' ? lineLen - 1 : lineLen;
            if (len == 0) {
                if (event == Event.ERROR) {
                    announced = "error_event";
                } else if (event == Event.RECONNECT) {
                    announced = "reconnect_event";
                }
                event = Event.NONE;
            } else if (line[0] == ':') {
                loop.heartbeat();
            } else if (startsWith(ID, len) && event == Event.PRICE) {
                priceId(len, now, loop);
            } else if (startsWith(EVENT, len)) {
                event = eventName(len);
            } else if (startsWith(DATA, len) && event == Event.SUBSCRIBED) {
                loop.subscribed(this, contains(NO_UNKNOWN, len));
            }
        }

        /** {@code id: SYMBOL:millis}. */
        private void priceId(int len, long now, Loop loop) {
            int colon = -1;
            for (int i = ID.length; i < len; i++) {
                if (line[i] == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon < 0) {
                loop.price(this, -1, 0, now);
                return;
            }
            long millis = 0;
            for (int i = colon + 1; i < len; i++) {
                millis = millis * 10 + (line[i] - '0');
            }
            loop.price(this, which(ID.length, colon), millis, now);
        }

        /** Which of this stream's symbols {@code line[from, to)} is, or -1. */
        private int which(int from, int to) {
            outer:
            for (int k = 0; k < symbols.length; k++) {
                byte[] s = table.bytes[symbols[k]];
                if (s.length != to - from) {
                    continue;
                }
                for (int j = 0; j < s.length; j++) {
                    if (s[j] != line[from + j]) {
                        continue outer;
                    }
                }
                return k;
            }
            return -1;
        }

        private Event eventName(int len) {
            int n = len - EVENT.length;
            return switch (n > 0 ? line[EVENT.length] : 0) {
                case 'p' -> Event.PRICE;
                case 's' -> Event.SUBSCRIBED;
                case 'e' -> Event.ERROR;
                case 'r' -> Event.RECONNECT;
                default -> Event.OTHER;
            };
        }

        private boolean startsWith(byte[] prefix, int len) {
            if (len < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (line[i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        private boolean contains(byte[] what, int len) {
            outer:
            for (int i = 0; i + what.length <= len; i++) {
                for (int j = 0; j < what.length; j++) {
                    if (line[i + j] != what[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        private static int hex(byte c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
            if (c >= 'A' && c <= 'F') {
                return c - 'A' + 10;
            }
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------------ Redis tap

    /**
     * Subscribes to the Redis {@code prices} channel, as the service's near cache does, and remembers when each
     * (symbol, timestamp) of the table appeared there: the client's read time minus that is the fan-out delay
     * (Redis → service → client), without the exchange → Redis step that the price's own timestamp includes.
     */
    static final class RedisTap implements Runnable {
        /** Prices remembered per symbol: minutes of a hot symbol's publications, so a late lookup still finds them. */
        private final int ring;
        private final Socket socket;
        private final SymbolTable table;
        private final AtomicLongArray millis;
        private final AtomicLongArray seen;
        private final AtomicInteger[] next;
        private volatile boolean closed;

        private RedisTap(Socket socket, SymbolTable table) {
            this.socket = socket;
            this.table = table;
            int n = table.symbols.size();
            this.ring = n <= 100 ? 1024 : 16; // cold symbols hardly change
            this.millis = new AtomicLongArray(n * ring);
            this.seen = new AtomicLongArray(n * ring);
            this.next = new AtomicInteger[n];
            for (int i = 0; i < n; i++) {
                next[i] = new AtomicInteger();
            }
        }

        static RedisTap start(String uri, SymbolTable table) throws IOException {
            URI u = URI.create(uri);
            Socket socket = new Socket(u.getHost(), u.getPort() < 0 ? 6379 : u.getPort());
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write("*2\r\n$9\r\nSUBSCRIBE\r\n$6\r\nprices\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RedisTap tap = new RedisTap(socket, table);
            Thread.ofPlatform().name("stream-bench-redis").daemon().start(tap);
            return tap;
        }

        /** When (epoch ms) the price of symbol {@code s} stamped {@code priceMillis} was published, or -1. */
        long seenAt(int s, long priceMillis) {
            int newest = next[s].get();
            for (int back = 1; back <= ring; back++) { // newest first: the match is nearly always among the last few
                int slot = s * ring + Math.floorMod(newest - back, ring);
                if (millis.get(slot) == priceMillis) {
                    return seen.get(slot);
                }
            }
            return -1;
        }

        @Override
        public void run() {
            try (InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024)) {
                while (!closed) {
                    Object reply = Resp.read(in);
                    long now = System.currentTimeMillis();
                    if (reply instanceof Object[] parts && parts.length == 3 && "message".equals(Resp.text(parts[0]))
                            && parts[2] instanceof byte[] body) {
                        record(body, now);
                    }
                }
            } catch (IOException e) {
                if (!closed) {
                    progress("redis tap ended: " + e);
                }
            }
        }

        /** A {@code pw1} message: the timestamp at bytes 4–16, then {@code {"symbol":"X"} at byte 32. */
        private void record(byte[] body, long now) {
            if (body.length < 48 || body[0] != 'p' || body[1] != 'w') {
                return;
            }
            long ts = Long.parseLong(new String(body, 4, 13, StandardCharsets.US_ASCII));
            int from = 32 + "{\"symbol\":\"".length();
            int to = from;
            while (to < body.length && body[to] != '"') {
                to++;
            }
            Integer s = table.index.get(new String(body, from, to - from, StandardCharsets.US_ASCII));
            if (s == null) {
                return;
            }
            int slot = s * ring + Math.floorMod(next[s].get(), ring);
            millis.set(slot, 0); // never matched half-written
            seen.set(slot, now);
            millis.set(slot, ts);
            next[s].incrementAndGet(); // only this thread writes: published once the slot is whole
        }

        void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** The few RESP2 replies a subscription gets: arrays, bulk strings, simple strings, integers. */
    static final class Resp {
        static Object read(InputStream in) throws IOException {
            int type = in.read();
            if (type < 0) {
                throw new IOException("Redis closed the connection");
            }
            String line = readLine(in);
            return switch (type) {
                case '*' -> {
                    int n = Integer.parseInt(line);
                    Object[] parts = new Object[Math.max(n, 0)];
                    for (int i = 0; i < n; i++) {
                        parts[i] = read(in);
                    }
                    yield parts;
                }
                case '$' -> {
                    int n = Integer.parseInt(line);
                    if (n < 0) {
                        yield null;
                    }
                    byte[] bytes = in.readNBytes(n);
                    in.readNBytes(2);
                    yield bytes;
                }
                case ':', '+' -> line;
                case '-' -> throw new IOException("Redis: " + line);
                default -> throw new IOException("unexpected RESP type " + (char) type);
            };
        }

        static String text(Object o) {
            return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }
    }

    // ------------------------------------------------------------------------------------------ /prometheus

    /** One read of /prometheus: every sample by its line's name and labels. */
    static final class Scrape {
        private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][\\w:]*)(\\{[^}]*})?\\s+(\\S+)");
        private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
        final List<Object[]> samples = new ArrayList<>(); // {name, Map<String,String> labels, Double value}
        String error;

        static Scrape of(String url) {
            Scrape s = new Scrape();
            try {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                HttpResponse<String> r = client.send(
                        HttpRequest.newBuilder(URI.create(url + "/prometheus")).timeout(Duration.ofSeconds(15)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    s.error = url + "/prometheus answered " + r.statusCode();
                    return s;
                }
                for (String line : r.body().split("\n")) {
                    Matcher m = SAMPLE.matcher(line);
                    if (line.startsWith("#") || !m.find()) {
                        continue;
                    }
                    Map<String, String> labels = new HashMap<>();
                    if (m.group(2) != null) {
                        Matcher l = LABEL.matcher(m.group(2));
                        while (l.find()) {
                            labels.put(l.group(1), l.group(2));
                        }
                    }
                    try {
                        s.samples.add(new Object[] {m.group(1), labels, Double.parseDouble(m.group(3))});
                    } catch (NumberFormatException ignored) {
                        // NaN-like values we do not read
                    }
                }
            } catch (IOException e) {
                s.error = url + "/prometheus: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.error = "interrupted";
            }
            return s;
        }

        /** The sum of {@code name}'s samples whose labels include {@code match} (all when null). */
        @SuppressWarnings("unchecked")
        double sum(String name, Map<String, String> match) {
            double total = 0;
            for (Object[] s : samples) {
                Map<String, String> labels = (Map<String, String>) s[1];
                if (s[0].equals(name) && (match == null || labels.entrySet().containsAll(match.entrySet()))) {
                    total += (Double) s[2];
                }
            }
            return total;
        }

        @SuppressWarnings("unchecked")
        List<String> labelValues(String name, String label) {
            return samples.stream().filter(s -> s[0].equals(name))
                    .map(s -> ((Map<String, String>) s[1]).get(label)).filter(v -> v != null).distinct().toList();
        }

        /**
         * A histogram over the window (after − before, summed over its other labels): count, the share of
         * observations at or under 100 ms (exact: 100 ms is a bucket edge), and p50/p99 interpolated within their
         * bucket as PromQL's histogram_quantile does, with the bucket that holds the p99.
         */
        @SuppressWarnings("unchecked")
        static Map<String, Object> histogram(Scrape before, Scrape after, String name) {
            TreeMap<Double, Double> cumulative = new TreeMap<>();
            for (Object[] s : after.samples) {
                if (s[0].equals(name + "_bucket")) {
                    String le = ((Map<String, String>) s[1]).get("le");
                    double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                    cumulative.merge(bound, (Double) s[2], Double::sum);
                }
            }
            for (Object[] s : before.samples) {
                if (s[0].equals(name + "_bucket")) {
                    String le = ((Map<String, String>) s[1]).get("le");
                    double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                    cumulative.merge(bound, -(Double) s[2], Double::sum);
                }
            }
            Map<String, Object> h = new LinkedHashMap<>();
            Double total = cumulative.get(Double.POSITIVE_INFINITY);
            h.put("count", total == null ? 0 : total);
            if (total == null || total <= 0) {
                return h;
            }
            Double le100 = cumulative.get(0.1);
            h.put("share_le_100ms", le100 == null ? null : le100 / total);
            h.put("p50_ms", quantile(cumulative, 0.50));
            h.put("p99_ms", quantile(cumulative, 0.99));
            h.put("p99_bucket_le_ms", bucketOf(cumulative, 0.99));
            h.put("sum_s", after.sum(name + "_sum", null) - before.sum(name + "_sum", null));
            h.put("max_ms_now", after.sum(name + "_max", null) * 1000);
            return h;
        }

        private static Double quantile(TreeMap<Double, Double> cumulative, double q) {
            double total = cumulative.lastEntry().getValue();
            double rank = q * total;
            double prevBound = 0;
            double prevCount = 0;
            for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
                if (e.getValue() >= rank) {
                    if (e.getKey().isInfinite()) {
                        return prevBound * 1000; // beyond the last edge: its lower bound, as PromQL does
                    }
                    double inBucket = e.getValue() - prevCount;
                    double frac = inBucket <= 0 ? 1 : (rank - prevCount) / inBucket;
                    return (prevBound + (e.getKey() - prevBound) * frac) * 1000;
                }
                prevBound = e.getKey();
                prevCount = e.getValue();
            }
            return null;
        }

        private static Object bucketOf(TreeMap<Double, Double> cumulative, double q) {
            double rank = q * cumulative.lastEntry().getValue();
            for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
                if (e.getValue() >= rank) {
                    return e.getKey().isInfinite() ? "+Inf" : e.getKey() * 1000;
                }
            }
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------ JSON out

    /** Enough JSON for the summary: maps, lists, numbers, strings, booleans, null. */
    static final class Json {
        static String write(Object o) {
            StringBuilder sb = new StringBuilder();
            write(sb, o, "");
            return sb.toString();
        }

        private static void write(StringBuilder sb, Object o, String indent) {
            if (o instanceof Map<?, ?> m) {
                if (m.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append("{\n");
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append(indent).append("  ");
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(": ");
                    write(sb, e.getValue(), indent + "  ");
                    sb.append(++i < m.size() ? ",\n" : "\n");
                }
                sb.append(indent).append('}');
            } else if (o instanceof List<?> l) {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    write(sb, l.get(i), indent);
                    sb.append(i + 1 < l.size() ? ", " : "");
                }
                sb.append(']');
            } else if (o instanceof Double d) {
                sb.append(d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.6g", d)
                        .replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1"));
            } else if (o instanceof Number || o instanceof Boolean) {
                sb.append(o);
            } else if (o == null) {
                sb.append("null");
            } else {
                string(sb, o.toString());
            }
        }

        private static void string(StringBuilder sb, String s) {
            sb.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
    }
}
