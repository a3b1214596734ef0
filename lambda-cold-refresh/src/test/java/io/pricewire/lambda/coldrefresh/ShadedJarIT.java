package io.pricewire.lambda.coldrefresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.asset.TierBoundaries;
import io.pricewire.core.asset.TierSettings;
import io.pricewire.core.cache.RedisKeys;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.store.OperationTimer;
import io.pricewire.core.store.dynamo.DynamoClients;
import io.pricewire.core.store.dynamo.DynamoPriceStore;
import io.pricewire.testkit.SharedServers;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * The shaded jar as AWS runs it: unpacked into a task root and loaded by the Lambda Java runtime
 * (the runtime interface client, the same code as the managed {@code java21} runtime) in a child
 * JVM, which polls a stand-in of the Lambda Runtime API on loopback for the scheduled event and
 * posts the handler's result back. Proves the jar holds everything the handler needs at run time,
 * minimized as it is, and that the no-arg constructor wires from the environment.
 */
class ShadedJarIT {
    private static final String RUNTIME_API = "/2018-06-01/runtime";
    private static final int REDIS_DB = 3;
    /** Hot and medium sizes that leave only the last {@value #COLD_ASSETS} ranks cold: a short run. */
    private static final int COLD_ASSETS = 20;

    private final Path jar = Path.of(System.getProperty("coldrefresh.jar", "target/lambda-cold-refresh.jar"));

    @Test
    void shouldListOnlyServiceProvidersTheJarContainsWhenMinimized() throws IOException {
        assertThat(jar).isRegularFile();
        System.out.printf("SHADED JAR: %s, %,d bytes%n", jar, Files.size(jar));
        List<String> missing = new ArrayList<>();
        int providers = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith("META-INF/services/")) {
                    String service = entry.getName().substring("META-INF/services/".length());
                    if (zip.getEntry(service.replace('.', '/') + ".class") == null && !inJdk(service)) {
                        missing.add(entry.getName() + ": service type not in the jar");
                    }
                    for (String line :
                            new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                        String provider = line.replaceAll("#.*", "").trim();
                        if (!provider.isEmpty()) {
                            providers++;
                            if (zip.getEntry(provider.replace('.', '/') + ".class") == null) {
                                missing.add(entry.getName() + " → " + provider);
                            }
                        }
                    }
                }
            }
            assertThat(zip.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider"))
                    .isNotNull();
            assertThat(zip.stream().map(ZipEntry::getName))
                    .noneMatch(n -> n.startsWith("io/micronaut/")
                            || n.startsWith("ch/qos/logback/")
                            || n.startsWith("org/apache/hc/"));
        }
        assertThat(providers).isPositive();
        assertThat(missing)
                .as("service types or providers named in META-INF/services but left out of the jar")
                .isEmpty();
    }

    private static boolean inJdk(String className) {
        try {
            Class.forName(className, false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void shouldRefreshTheColdTierWhenTheLambdaRuntimeRunsTheShadedJar() throws Exception {
        assertThat(jar).isRegularFile();
        String table = "prices-cold-it-" + UUID.randomUUID();
        try (DynamoDbClient dynamo =
                DynamoClients.create("us-east-1", SharedServers.dynamoEndpoint(), Duration.ofSeconds(5))) {
            DynamoPriceStore store = new DynamoPriceStore(dynamo, table, OperationTimer.NONE);
            store.createTableIfMissing();
            String event = new String(
                    ShadedJarIT.class
                            .getResourceAsStream("/scheduled-event.json")
                            .readAllBytes(),
                    StandardCharsets.UTF_8);

            try (RuntimeApi api = RuntimeApi.start(event)) {
                Path taskRoot = Files.createDirectories(Path.of("target", "it-task-root"));
                Files.createDirectories(taskRoot.resolve("lib"));
                Files.copy(
                        jar,
                        taskRoot.resolve("lib").resolve("lambda-cold-refresh.jar"),
                        StandardCopyOption.REPLACE_EXISTING);
                Path log = Path.of("target", "it-lambda-runtime.log");
                Process lambda = startRuntime(taskRoot, log, api.port(), table);
                try {
                    String result = api.result().get(90, TimeUnit.SECONDS);
                    String output = Files.readString(log);
                    assertThat(api.errors())
                            .as("runtime errors; runtime output:%n%s", output)
                            .isEmpty();

                    JsonNode report = new ObjectMapper().readTree(result);
                    assertThat(report.path("requested").asInt()).isEqualTo(COLD_ASSETS);
                    assertThat(report.path("refreshed").asInt()
                                    + report.path("degraded").asInt())
                            .isEqualTo(COLD_ASSETS);
                    assertThat(report.path("exchangeErrors").isObject()).isTrue();

                    List<String> cold = coldSymbols();
                    assertThat(store.getAll(cold)).hasSize(COLD_ASSETS);
                    assertThat(cachedCount(cold)).isEqualTo(COLD_ASSETS);

                    List<String> emfLines = output.lines()
                            .filter(l -> l.startsWith("{\"_aws\""))
                            .toList();
                    assertThat(emfLines)
                            .as("EMF lines in runtime output:%n%s", output)
                            .hasSize(1);
                    assertThat(EmfSpec.violations(emfLines.get(0))).isEmpty();
                    assertThat(new ObjectMapper()
                                    .readTree(emfLines.get(0))
                                    .path("ColdRefreshed")
                                    .asInt())
                            .isEqualTo(report.path("refreshed").asInt());
                } finally {
                    lambda.destroy();
                    if (!lambda.waitFor(10, TimeUnit.SECONDS)) {
                        lambda.destroyForcibly();
                    }
                }
            }
        }
    }

    private Process startRuntime(Path taskRoot, Path log, int apiPort, String table)
            throws IOException, URISyntaxException {
        // the runtime's own classes, as the managed runtime has them outside the function's jar
        String classpath = String.join(
                File.pathSeparator,
                codeSource(AWSLambda.class),
                codeSource(PojoSerializer.class),
                codeSource(RequestHandler.class),
                codeSource(SdkInternalThreadLocal.class));
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-cp",
                        classpath,
                        AWSLambda.class.getName(),
                        ColdRefreshHandler.class.getName() + "::handleRequest")
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PRICEWIRE_") || k.endsWith("_URL") || k.equals("REDIS_URI"));
        env.putAll(lambdaEnvironment(apiPort, table));
        return builder.start();
    }

    private static Map<String, String> lambdaEnvironment(int apiPort, String table) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + apiPort);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "pricewire-cold-refresh");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/pricewire-cold-refresh");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "it");
        env.put("AWS_REGION", "us-east-1");
        env.put("PRICEWIRE_TABLE", table);
        env.put("DYNAMODB_ENDPOINT", SharedServers.dynamoEndpoint().toString());
        env.put("REDIS_URI", TestSupport.redisUri(REDIS_DB));
        env.put(TierSettings.Setting.HOT_SIZE.variable(), Integer.toString(TierBoundaries.DEFAULT.hotSize()));
        env.put(
                TierSettings.Setting.MEDIUM_SIZE.variable(),
                Integer.toString(AssetUniverse.loadDefault().size() - COLD_ASSETS - TierBoundaries.DEFAULT.hotSize()));
        for (ExchangeId e : ExchangeId.values()) {
            env.put(e.urlVariable(), TestSupport.sim().baseUri(e).toString());
        }
        return env;
    }

    private static List<String> coldSymbols() {
        AssetUniverse universe = AssetUniverse.loadDefault();
        TierBoundaries boundaries = new TierBoundaries(
                TierBoundaries.DEFAULT.hotSize(), universe.size() - COLD_ASSETS - TierBoundaries.DEFAULT.hotSize());
        return universe.inTier(Tier.COLD, boundaries).stream()
                .map(Asset::symbol)
                .toList();
    }

    private static long cachedCount(List<String> symbols) {
        RedisClient client = RedisClient.create(RedisURI.create(TestSupport.redisUri(REDIS_DB)));
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            return redis.sync().exists(symbols.stream().map(RedisKeys::price).toArray(String[]::new));
        } finally {
            client.shutdown();
        }
    }

    private static String codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    /**
     * The Lambda Runtime API on loopback, serving one invocation: the first {@code next} gets the
     * event, later ones wait (as in Lambda, where the environment freezes between invocations).
     */
    private static final class RuntimeApi implements AutoCloseable {
        private static final String REQUEST_ID = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";
        private final HttpServer server;
        private final String event;
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final List<String> errors = new CopyOnWriteArrayList<>();
        private final AtomicInteger served = new AtomicInteger();
        private final CountDownLatch closing = new CountDownLatch(1);

        private RuntimeApi(HttpServer server, String event) {
            this.server = server;
            this.event = event;
        }

        static RuntimeApi start(String event) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            RuntimeApi api = new RuntimeApi(server, event);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext(RUNTIME_API, api::handle);
            server.start();
            return api;
        }

        int port() {
            return server.getAddress().getPort();
        }

        CompletableFuture<String> result() {
            return result;
        }

        List<String> errors() {
            return errors;
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (path.endsWith("/invocation/next")) {
                if (served.getAndIncrement() > 0) {
                    awaitClose();
                    exchange.sendResponseHeaders(500, -1);
                    exchange.close();
                    return;
                }
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", REQUEST_ID);
                exchange.getResponseHeaders()
                        .add(
                                "Lambda-Runtime-Deadline-Ms",
                                Long.toString(System.currentTimeMillis()
                                        + Duration.ofMinutes(3).toMillis()));
                exchange.getResponseHeaders()
                        .add(
                                "Lambda-Runtime-Invoked-Function-Arn",
                                "arn:aws:lambda:us-east-1:123456789012:function:pricewire-cold-refresh");
                exchange.getResponseHeaders()
                        .add(
                                "Lambda-Runtime-Trace-Id",
                                "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=0");
                respond(exchange, 200, event);
            } else if (path.endsWith("/invocation/" + REQUEST_ID + "/response")) {
                result.complete(body);
                respond(exchange, 202, "{\"status\":\"OK\"}");
            } else if (path.endsWith("/error")) {
                errors.add(path + ": " + body);
                result.complete(body);
                respond(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                respond(exchange, 404, "{}");
            }
        }

        private void awaitClose() {
            try {
                closing.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void respond(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            closing.countDown();
            server.stop(0);
        }
    }
}
