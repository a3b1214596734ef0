package io.pricewire.sim.stream;

import static io.pricewire.sim.stream.StreamTesting.streamPath;
import static io.pricewire.sim.stream.StreamTesting.ws;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.core.exchange.Listing;
import io.pricewire.sim.ExchangeSim;
import io.pricewire.sim.SimConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client subscribed to the whole market (the default universe: 1,000 assets) gets one ticker per pair per
 * market step, on every exchange; logs how fast the sim emits them when the steps come back to back.
 */
class StreamFanOutTest {
    private static final Logger LOG = LoggerFactory.getLogger(StreamFanOutTest.class);
    private static final int STEPS = 10;
    private ExchangeSim sim;

    @BeforeEach
    void start() throws IOException {
        sim = ExchangeSim.start(SimConfig.defaults().withEphemeralPorts().withTickInterval(Duration.ZERO));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private List<Listing> pairs(ExchangeId e) {
        return sim.config().universe().all().stream()
                .map(a -> a.listingOn(e))
                .flatMap(Optional::stream)
                .toList();
    }

    /** One subscribe message for every pair the exchange lists. */
    private String subscribeAll(ExchangeId e, List<Listing> pairs) {
        String quoted = pairs.stream().map(l -> "\"" + name(e, l) + "\"").collect(Collectors.joining(","));
        return switch (e) {
            case BINANCE -> "{\"method\":\"SUBSCRIBE\",\"params\":[" + quoted + "],\"id\":1}";
            case COINBASE -> "{\"type\":\"subscribe\",\"product_ids\":[" + quoted + "],\"channels\":[\"ticker\"]}";
            case KRAKEN ->
                "{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"snapshot\":false," + "\"symbol\":["
                        + quoted + "]}}";
            case OKX ->
                "{\"op\":\"subscribe\",\"args\":["
                        + pairs.stream()
                                .map(l -> "{\"channel\":\"tickers\",\"instId\":\"" + l.pair() + "\"}")
                                .collect(Collectors.joining(","))
                        + "]}";
        };
    }

    private static String name(ExchangeId e, Listing l) {
        return switch (e) {
            case BINANCE -> l.pair().toLowerCase(Locale.ROOT) + "@bookTicker";
            case KRAKEN -> l.symbol() + "/USD";
            default -> l.pair();
        };
    }

    private static boolean isTicker(ExchangeId e, String m) {
        return switch (e) {
            case BINANCE -> m.startsWith("{\"u\"");
            case COINBASE -> m.startsWith("{\"type\":\"ticker\"");
            case KRAKEN -> m.startsWith("{\"channel\":\"ticker\"");
            case OKX -> m.startsWith("{\"arg\"");
        };
    }

    @ParameterizedTest
    @EnumSource(ExchangeId.class)
    void shouldSendEveryPairOnEveryStepToAWholeMarketSubscriber(ExchangeId e) {
        List<Listing> pairs = pairs(e);
        try (WsClient c = WsClient.open(ws(sim, e, streamPath(e)))) {
            c.send(subscribeAll(e, pairs));
            // the answers (and the tickers some exchanges send on subscribe) first: the steps are then measured alone
            if (e == ExchangeId.COINBASE) {
                c.next(m -> m.startsWith("{\"type\":\"subscriptions\""));
                for (int i = 0; i < pairs.size(); i++) {
                    c.next();
                }
            } else {
                c.send(
                        e == ExchangeId.OKX
                                ? "ping"
                                : e == ExchangeId.KRAKEN
                                        ? "{\"method\":\"ping\"}"
                                        : "{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}");
                c.next(m -> m.equals("pong") || m.contains("\"pong\"") || m.contains("\"id\":2"));
            }
            c.drain();
            long before = sim.streamMessages(e);
            long start = System.nanoTime();
            for (int step = 0; step < STEPS; step++) {
                sim.tick();
            }
            int received = 0;
            while (received < STEPS * pairs.size()) {
                assertThat(isTicker(e, c.next())).isTrue();
                received++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(sim.streamMessages(e) - before).isEqualTo((long) STEPS * pairs.size());
            assertThat(sim.streamConnections(e)).isEqualTo(1);
            LOG.info(
                    "{}: {} pairs, {} steps back to back: {} messages in {} s = {} messages/s; at 500 ms steps: {}/s",
                    e.label(),
                    pairs.size(),
                    STEPS,
                    received,
                    String.format(Locale.ROOT, "%.2f", seconds),
                    Math.round(received / seconds),
                    2 * pairs.size());
        }
    }
}
