package io.pricewire.core.store.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.testkit.Dynalite;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite, as the tests and {@code local/run} start it, outlives a client that closes its connection before its
 * request is answered — a timed-out SDK call, or a service stopping with a write in flight. dynalite 4.0.0 itself
 * rethrows that request's error and exits (it took a test JVM's shared DynamoDB down mid-suite); the guard preloaded
 * from {@code local/lib/dynalite-guard.cjs} keeps it serving.
 */
class DynaliteAbortedRequestTest {
    private static final String HALF_REQUEST = "POST / HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\n"
            + "Content-Type: application/x-amz-json-1.0\r\n"
            + "X-Amz-Target: DynamoDB_20120810.ListTables\r\n"
            + "Content-Length: 100\r\n"
            + "\r\n"
            + "{";

    @Test
    void shouldKeepServingAfterClientsCloseMidRequest() throws Exception {
        try (Dynalite dynalite = Dynalite.startOnFreePort();
                DynamoDbClient client = DynamoClients.create("us-east-1", dynalite.endpoint(), Duration.ofSeconds(5))) {
            for (int i = 0; i < 3; i++) {
                try (Socket socket = new Socket(
                        dynalite.endpoint().getHost(), dynalite.endpoint().getPort())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(HALF_REQUEST.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(100); // the headers are read and the request waits for the rest of its body
                }
            }
            Thread.sleep(500); // long enough for an unguarded dynalite to have died of it

            assertThat(dynalite.isRunning()).as("dynalite still running").isTrue();
            assertThat(client.listTables().tableNames()).isNotNull();
        }
    }
}
