package io.pricewire.sim.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a bare socket, for what the JDK client does for you and a test must not: it answers
 * no ping by itself (Binance's pong deadline), and sends frames as fast as asked (Binance's message rate).
 */
final class RawWsClient implements AutoCloseable {
    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** A frame from the server (servers do not mask). */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ByteBuffer.wrap(payload).getShort() & 0xffff : 1005;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWsClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawWsClient connect(int port, String pathAndQuery) throws IOException {
        RawWsClient client = new RawWsClient(new Socket(InetAddress.getLoopbackAddress(), port));
        client.out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        client.out.flush();
        client.socket.setSoTimeout((int) WsClient.WAIT.toMillis());
        String status = client.line();
        assertThat(status).as("handshake answer").startsWith("HTTP/1.1 101");
        while (!client.line().isEmpty()) {
            // headers: not needed
        }
        return client;
    }

    /** The next frame, or empty when the server closed the TCP connection; fails after {@code within}. */
    Optional<Frame> next(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        try {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return Optional.of(new Frame(b0 & 0x0f, payload));
        } catch (EOFException e) {
            return Optional.empty();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame within " + within, e);
        } catch (IOException e) {
            // a reset connection is a dropped connection too
            return Optional.empty();
        }
    }

    /** The next frame of {@code opcode}, skipping others; empty when the connection ended first. */
    Optional<Frame> next(int opcode, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Optional<Frame> frame = next(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (frame.isEmpty() || frame.get().opcode() == opcode) {
                return frame;
            }
        }
    }

    /** Reads until the server ends the connection; the close frame if one came first. */
    Optional<Frame> awaitEnd(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        Optional<Frame> close = Optional.empty();
        while (true) {
            Optional<Frame> frame = next(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (frame.isEmpty()) {
                return close;
            }
            if (frame.get().opcode() == CLOSE) {
                close = frame;
            }
        }
    }

    void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One masked frame, as a client must send. */
    void send(int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
        frame.put((byte) (0x80 | opcode));
        if (payload.length < 126) {
            frame.put((byte) (0x80 | payload.length));
        } else {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        }
        frame.put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i % 4]));
        }
        out.write(frame.array(), 0, frame.position());
        out.flush();
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
