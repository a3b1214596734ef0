package io.pricewire.core.exchange.stream;

import io.pricewire.core.exchange.ExchangeId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The stream protocol of each exchange; they are stateless, so one instance each serves every connection. */
public final class StreamProtocols {

    private static final Map<ExchangeId, StreamProtocol> ALL = build();

    private StreamProtocols() {}

    public static StreamProtocol of(ExchangeId id) {
        return ALL.get(id);
    }

    /** Every exchange's protocol, in {@link ExchangeId} order. */
    public static Map<ExchangeId, StreamProtocol> all() {
        return ALL;
    }

    private static Map<ExchangeId, StreamProtocol> build() {
        Map<ExchangeId, StreamProtocol> protocols = new EnumMap<>(ExchangeId.class);
        for (ExchangeId id : ExchangeId.values()) {
            // the exhaustive switch makes a new exchange constant fail to compile here
            protocols.put(
                    id,
                    switch (id) {
                        case BINANCE -> new BinanceStreamProtocol();
                        case COINBASE -> new CoinbaseStreamProtocol();
                        case KRAKEN -> new KrakenStreamProtocol();
                        case OKX -> new OkxStreamProtocol();
                    });
        }
        return Collections.unmodifiableMap(protocols);
    }
}
