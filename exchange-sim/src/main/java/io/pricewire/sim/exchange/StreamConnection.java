package io.pricewire.sim.exchange;

/**
 * The state of one open stream connection. Every method runs on the connection's own event loop, so an
 * implementation needs no locking; what it sends is flushed when the method returns.
 */
public interface StreamConnection {
    /** A complete text message from the client. */
    void onText(String text);

    /** A market step: send the events the connection subscribed to. */
    void onTick(Tick tick);

    /** Any frame arrived from the client (text, ping, pong or close): Binance counts them against its rate. */
    default void onFrame() {}

    /** A pong frame arrived with this payload. */
    default void onPong(String payload) {}
}
