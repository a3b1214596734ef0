package io.pricewire.sim.exchange;

/**
 * How one exchange speaks over WebSocket: which handshake paths open its stream and how one connection
 * talks. {@link ExchangeServer} does the HTTP upgrade, the faults and the fan-out of market ticks; a stream
 * dialect only turns client messages and ticks into the exchange's messages.
 */
public interface StreamDialect {
    /** True when a WebSocket handshake on {@code path} (decoded, without the query) opens this exchange's stream. */
    boolean servesPath(String path);

    /** A connection, right after the handshake; {@code handshake} carries its path and query parameters. */
    StreamConnection open(WsSession session, SimRequest handshake);
}
